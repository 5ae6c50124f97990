"""Keeping a build's files in the next one as hard links."""

import os
import shutil

from news_digest import hardlinks
from news_digest.hardlinks import link_tree


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_every_file_of_every_folder_is_linked_not_copied(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    for rel in ("a.html", "stories/2026/11/20/x.html", "stories/2026/12/01/y.html", "empty/.keep"):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(rel)
    (src / "no-files").mkdir()
    link_tree(src, dst)
    assert _tree(dst) == _tree(src)
    assert (dst / "no-files").is_dir()
    for rel in _tree(src):
        assert os.path.samefile(src / rel, dst / rel)


def test_files_are_copied_where_links_are_impossible(tmp_path, monkeypatch):
    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "d").mkdir(parents=True)
    (src / "d" / "p.html").write_text("page")

    def refuse(a, b):
        raise OSError("cross-device link")

    monkeypatch.setattr(hardlinks.os, "link", refuse)
    link_tree(src, dst)
    assert (dst / "d" / "p.html").read_text() == "page"
    assert not os.path.samefile(src / "d" / "p.html", dst / "d" / "p.html")
    shutil.rmtree(src)
    assert (dst / "d" / "p.html").read_text() == "page"
