"""Hostile .docx packages made in memory: a real zip bomb, a lying directory, a swarm of entries.

The bomb is a valid Word document whose word/document.xml unpacks to BOMB_BYTES of spaces
inside one <w:t>. Compressing that much takes seconds, so one deflated 16 MB block of
spaces (ended by a full flush, so it refers to nothing before it) is repeated: the
package is about 1 MB on disk and is written by hand, the way any zip tool lays it out.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx

BOMB_BYTES = 1 << 30  # what word/document.xml unpacks to: 1 GiB
_BLOCK = 1 << 24
_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b'<w:body><w:p><w:r><w:t xml:space="preserve">'
)
_TAIL = b"</w:t></w:r></w:p></w:body></w:document>"
DOCUMENT = "word/document.xml"


def plain_docx(text: str = "政府信息公开工作年度报告") -> bytes:
    """A small, valid .docx written by python-docx."""
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bomb_docx() -> bytes:
    """A valid .docx of about 1 MB whose document.xml unpacks to 1 GiB."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(_HEAD) + co.flush(zlib.Z_FULL_FLUSH)
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    spaces = block.compress(b" " * _BLOCK) + block.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(_TAIL) + tail.flush()
    repeats = BOMB_BYTES // _BLOCK
    crc = zlib.crc32(_HEAD)
    chunk_crc = b" " * _BLOCK
    for _ in range(repeats):
        crc = zlib.crc32(chunk_crc, crc)
    crc = zlib.crc32(_TAIL, crc)
    size = len(_HEAD) + repeats * _BLOCK + len(_TAIL)
    parts = _deflated_parts(plain_docx())
    parts[DOCUMENT] = (head + spaces * repeats + end, crc, size)
    return _zip(parts)


def lying_docx() -> bytes:
    """A .docx whose directory says document.xml holds 2,000 bytes; its stream holds 64 MB."""
    parts = _deflated_parts(plain_docx())
    body = _HEAD + b" " * (64 << 20) + _TAIL
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts[DOCUMENT] = (co.compress(body) + co.flush(), zlib.crc32(body), 2000)
    return _zip(parts)


def swarm_docx(extra: int) -> bytes:
    """A valid .docx with `extra` tiny parts more than Word writes."""
    buffer = io.BytesIO(plain_docx())
    with zipfile.ZipFile(buffer, "a") as package:
        for number in range(extra):
            package.writestr(f"customXml/swarm{number}.xml", "<a/>")
    return buffer.getvalue()


def _deflated_parts(data: bytes) -> dict[str, tuple[bytes, int, int]]:
    """Each entry of a zip as (raw deflate stream, crc, unpacked size)."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            content = package.read(info)
            co = zlib.compressobj(9, zlib.DEFLATED, -15)
            parts[info.filename] = (co.compress(content) + co.flush(), zlib.crc32(content), len(content))
    return parts


def _zip(parts: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip file of deflated entries, laid out as local headers, data, directory, end record."""
    out = io.BytesIO()
    directory = io.BytesIO()
    for name, (stream, crc, size) in parts.items():
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0
            )
        )
        out.write(encoded + stream)
        directory.write(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(stream),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        directory.write(encoded)
    start = out.tell()
    out.write(directory.getvalue())
    count = len(parts)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory.getvalue()), start, 0))
    return out.getvalue()
