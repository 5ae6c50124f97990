"""Keeping the previous build's files in the next one as hard links: no bytes copied, and the
previous site stays whole, because a page the new build rewrites is a new file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(src: str, dst: str) -> None:
    """A hard link to src at dst; a copy where links are impossible (another file system)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def link_tree(src: Path, dst: Path) -> None:
    """src's folders made again under dst, each file a link to src's.

    A lean walk (one scandir per folder, one link per file): it runs over the whole kept site
    every build, where shutil.copytree's per-file bookkeeping cost more than the links."""
    stack = [(str(src), str(dst))]
    while stack:
        source, target = stack.pop()
        os.makedirs(target, exist_ok=True)
        with os.scandir(source) as entries:
            for entry in entries:
                path = os.path.join(target, entry.name)
                if entry.is_dir():
                    stack.append((entry.path, path))
                elif entry.is_file():
                    link_or_copy(entry.path, path)
