"""Pagefind bundles made reproducible: same pages, same bytes.

Pagefind 1.5 writes each filter's values, and the list of filters in the index metadata, in
hash-map order, which changes from run to run; the filter files' names (hashes of their
content), the metadata that lists them and its own name follow. `canonicalize` sorts them,
names the files after their new content and rewrites the references; everything else
Pagefind writes is already stable.
Its files are gzip'd CBOR after a "pagefind_dcd" signature; the small CBOR subset they use
(integers, strings, arrays, maps) is read and written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class CborError(ValueError):
    pass


def _read_head(data: bytes, pos: int) -> tuple[int, int, int]:
    first = data[pos]
    major, info = first >> 5, first & 0x1F
    pos += 1
    if info < 24:
        return major, info, pos
    sizes = {24: 1, 25: 2, 26: 4, 27: 8}
    if info not in sizes:
        raise CborError(f"unsupported CBOR item {first:#x}")
    n = sizes[info]
    return major, int.from_bytes(data[pos:pos + n], "big"), pos + n


def cbor_decode(data: bytes, pos: int = 0) -> tuple[Any, int]:
    """One item at `pos` and the position after it."""
    first = data[pos]
    if first >> 5 == 7:  # simple values and floats
        info = first & 0x1F
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos + 1
        fmt = {25: (">e", 2), 26: (">f", 4), 27: (">d", 8)}.get(info)
        if fmt is None:
            raise CborError(f"unsupported CBOR item {first:#x}")
        return struct.unpack(fmt[0], data[pos + 1:pos + 1 + fmt[1]])[0], pos + 1 + fmt[1]
    major, arg, pos = _read_head(data, pos)
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return bytes(data[pos:pos + arg]), pos + arg
    if major == 3:
        return data[pos:pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = cbor_decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = cbor_decode(data, pos)
            value, pos = cbor_decode(data, pos)
            pairs.append((key, value))
        return _Map(pairs), pos
    raise CborError(f"unsupported CBOR major type {major}")


class _Map(list):
    """A CBOR map, kept as its (key, value) pairs in their order."""


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, n in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * n):
            return bytes([major << 5 | info]) + arg.to_bytes(n, "big")
    raise CborError("integer too large")


def cbor_encode(value: Any) -> bytes:
    """The shortest encoding, as Pagefind's serializer writes it."""
    if value is None or isinstance(value, bool):
        return bytes([0xF6 if value is None else 0xF5 if value else 0xF4])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(v)
                                               for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    raise CborError(f"cannot encode {type(value).__name__}")


def read_pagefind(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise CborError(f"{path.name}: not a Pagefind file")
    value, end = cbor_decode(data, len(SIGNATURE))
    if end != len(data):
        raise CborError(f"{path.name}: trailing bytes")
    return value


def pagefind_bytes(value: Any) -> bytes:
    data = SIGNATURE + cbor_encode(value)
    return gzip.compress(data, compresslevel=9, mtime=0)


def _name(lang_hash: str, content: bytes) -> str:
    """A file name of Pagefind's shape (<lang>_<hex>) from the file's content."""
    lang, _, old = lang_hash.rpartition("_")
    return f"{lang}_{hashlib.sha256(content).hexdigest()[:len(old)]}"


def _replace(value: Any, renames: dict[str, str]) -> Any:
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, _Map):
        return _Map((_replace(k, renames), _replace(v, renames)) for k, v in value)
    if isinstance(value, list):
        return [_replace(v, renames) for v in value]
    return value


def _sort_filter(value: Any) -> Any:
    """A filter file is [name, [[value, [page numbers]], ...]]: values in sorted order."""
    if (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and isinstance(value[1], list)):
        rows = value[1]
        if all(isinstance(r, list) and r and isinstance(r[0], str) for r in rows):
            return [value[0], sorted(rows, key=lambda r: r[0].encode("utf-8"))]
    raise CborError("unexpected filter file layout")


def _sort_meta(meta: Any) -> Any:
    """The metadata is [version, pages, index chunks, filters, sorts, ...]; the filter and
    sort lists ([name, file], ...) come in hash-map order: sorted by name."""
    if not (isinstance(meta, list) and len(meta) >= 5):
        raise CborError("unexpected metadata layout")
    for n in (3, 4):
        if not all(isinstance(row, list) and row and isinstance(row[0], str) for row in meta[n]):
            raise CborError("unexpected metadata layout")
        meta[n] = sorted(meta[n], key=lambda row: row[0].encode("utf-8"))
    return meta


def canonicalize(bundle: Path) -> None:
    """Rewrite one bundle (a folder with pagefind-entry.json) in a reproducible form."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    renames: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        content = pagefind_bytes(_sort_filter(read_pagefind(path)))
        old = path.name[:-len(".pf_filter")]
        new = _name(old, content)
        renames[old] = new
        path.unlink()
        (bundle / "filter" / f"{new}.pf_filter").write_bytes(content)
    for info in entry["languages"].values():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _sort_meta(_replace(read_pagefind(meta_path), renames))
        content = pagefind_bytes(meta)
        new = _name(info["hash"], content)
        meta_path.unlink()
        (bundle / f"pagefind.{new}.pf_meta").write_bytes(content)
        info["hash"] = new
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
