"""Turn the bytes of a text file into text, the way Chinese government sites encode them.

Order of trust: a byte-order mark; strict UTF-8; the charset the file declares
(HTML); strict GB18030 (a superset of GBK and GB2312); then charset-normalizer's
best guess. Whatever decoded the file is recorded. A file that is binary, or whose
decoded text is mostly replacement characters or mojibake, is refused.

A few bad bytes do not refuse a document (a download cut mid-character, one stray
byte from an editor): when neither UTF-8 nor GB18030 decodes strictly, the one with
fewer undecodable bytes is taken if they are at most MAX_BAD_BYTE_SHARE of the file;
each is replaced with U+FFFD and counted, and the reader warns with the count.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from bot.errors import DocumentError

# Magic numbers of files that are often renamed by mistake.
_MAGIC: dict[bytes, str] = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (a .docx or .xlsx?)",
    b"\xd0\xcf\x11\xe0": "legacy Office document (.doc/.xls)",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf": "7-Zip archive",
    b"MZ": "Windows executable",
    b"\x7fELF": "executable",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# GB2312 and GBK are subsets of GB18030: decode with the superset.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}

# Above this share of replacement characters, or this mess ratio, the text is garbled.
MAX_REPLACEMENT_SHARE = 0.02
MAX_MESS_RATIO = 0.3
_SAMPLE = 20_000
# Undecodable bytes replaced rather than the file refused: at most one in 200 (a few per
# page). Past this it is a file in another encoding or not text, and the checks above decide.
MAX_BAD_BYTE_SHARE = 0.005
_SURROGATES = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class Decoded:
    """A text file's text, the encoding that decoded it and how many bytes it could not."""

    text: str
    encoding: str
    replaced: int = 0  # undecodable bytes, each now U+FFFD

    def warnings(self) -> list[str]:
        """The warning a reader attaches to the document when bytes were replaced."""
        if not self.replaced:
            return []
        plural = "byte" if self.replaced == 1 else "bytes"
        return [f"{self.replaced} undecodable {plural} replaced with U+FFFD (read as {self.encoding})"]


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML file declares in its head, if any."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return _ALIASES.get(name, name)


def decode(data: bytes, rel: str, declared: str | None = None) -> Decoded:
    """Decode a text file, or raise DocumentError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _lenient(data, rel, encoding)
    kind = sniff_binary(data)
    if kind:
        raise DocumentError(rel, f"not a text file: the content is a {kind}")
    try:
        # Valid UTF-8 is UTF-8: GBK text almost never is; garbled UTF-8 is refused as such.
        return Decoded(_checked(data.decode("utf-8"), rel, "utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    garbled: DocumentError | None = None
    candidates = list(dict.fromkeys([declared or "gb18030", "gb18030"]))
    for encoding in candidates:
        try:
            return Decoded(_checked(data.decode(encoding), rel, encoding), encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        except DocumentError as exc:
            garbled = garbled or exc
    bad = {encoding: _bad_bytes(data, encoding) for encoding in ["utf-8", *candidates]}
    for encoding in sorted(bad, key=bad.__getitem__):
        if bad[encoding] <= len(data) * MAX_BAD_BYTE_SHARE:
            try:
                return _lenient(data, rel, encoding)
            except DocumentError as exc:
                garbled = garbled or exc
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "gb18030"):
        fewest = min(bad.values())
        raise garbled or DocumentError(
            rel,
            f"cannot tell the text encoding: {fewest} of {len(data)} bytes undecodable as UTF-8 or GB18030",
        )
    return Decoded(_checked(data.decode(best.encoding, errors="replace"), rel, best.encoding), best.encoding)


def _bad_bytes(data: bytes, encoding: str) -> int:
    """How many bytes the encoding cannot decode (len(data) + 1 for an unknown encoding)."""
    try:
        return len(_SURROGATES.findall(data.decode(encoding, errors="surrogateescape")))
    except (LookupError, UnicodeDecodeError):  # surrogateescape cannot stand for an ASCII byte
        return len(data) + 1


def _lenient(data: bytes, rel: str, encoding: str) -> Decoded:
    """Decode with every undecodable byte replaced by U+FFFD and counted."""
    try:
        text, replaced = _SURROGATES.subn("\ufffd", data.decode(encoding, errors="surrogateescape"))
    except UnicodeDecodeError:  # UTF-16 cut mid-unit: count the replacement characters instead
        text = data.decode(encoding, errors="replace")
        replaced = text.count("\ufffd")
    return Decoded(_checked(text, rel, encoding), encoding, replaced)


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file the bytes are, or None if they may be text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        return "binary file (it contains NUL bytes)"
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return "binary file (it is full of control bytes)" if controls > len(head) * 0.05 else None


def _checked(text: str, rel: str, encoding: str) -> str:
    sample = text[:_SAMPLE]
    visible = sum(1 for ch in sample if not ch.isspace()) or 1
    if sample.count("\ufffd") / visible > MAX_REPLACEMENT_SHARE:
        raise DocumentError(rel, f"garbled text: many undecodable characters (read as {encoding})")
    if mess_ratio(sample, maximum_threshold=MAX_MESS_RATIO) >= MAX_MESS_RATIO:
        raise DocumentError(rel, f"garbled text (mojibake) when read as {encoding}")
    return text
