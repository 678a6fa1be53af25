"""Broken input of every kind is refused with a reason, never a traceback or a hang."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdf
import pytest

from bot.corpus.formats import MAX_FILE_BYTES, read_document
from bot.errors import DocumentError

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _refused(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path, path.name)
    assert caught.value.path == path.name
    return caught.value.reason


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.pdf", "empty.docx"])
def test_empty_files(tmp_path: Path, name: str) -> None:
    assert "empty" in _refused(_write(tmp_path, name, b""))
    assert "empty" in _refused(_write(tmp_path, "blank-" + name, b" \n\t\r\n"))


@pytest.mark.parametrize("name", ["image.txt", "image.html", "image.md"])
def test_binary_renamed_as_text(tmp_path: Path, name: str) -> None:
    assert "PNG image" in _refused(_write(tmp_path, name, PNG))


def test_binary_without_magic_number(tmp_path: Path) -> None:
    assert "binary" in _refused(_write(tmp_path, "blob.txt", bytes(range(256)) * 64))


def test_png_renamed_as_pdf_and_docx(tmp_path: Path) -> None:
    assert "not a PDF" in _refused(_write(tmp_path, "image.pdf", PNG))
    assert "not a DOCX" in _refused(_write(tmp_path, "image.docx", PNG))


def test_truncated_pdf(tmp_path: Path, corpus_dir: Path) -> None:
    data = (corpus_dir / "reports/huaian_2024_annual_report.pdf").read_bytes()
    assert "truncated" in _refused(_write(tmp_path, "cut.pdf", data[: len(data) // 2]))


def test_damaged_pdf_body(tmp_path: Path) -> None:
    reason = _refused(_write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + b"garbage " * 500 + b"\n%%EOF\n"))
    assert "PDF" in reason


def test_password_protected_pdf(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "password" in _refused(_write(tmp_path, "locked.pdf", buffer.getvalue()))


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "no text layer" in _refused(_write(tmp_path, "scan.pdf", buffer.getvalue()))


def test_damaged_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "not a word document")
    assert "damaged DOCX" in _refused(_write(tmp_path, "broken.docx", buffer.getvalue()))
    assert "damaged DOCX" in _refused(_write(tmp_path, "cut.docx", buffer.getvalue()[:30]))


def test_mojibake_is_garbled_text(tmp_path: Path, corpus_dir: Path) -> None:
    text = (corpus_dir / "seed/zhangdian_ajj_2017_annual_report.txt").read_text(encoding="utf-8")
    mojibake = text.encode("utf-8").decode("gb18030", errors="replace")
    assert "garbled" in _refused(_write(tmp_path, "mojibake.txt", mojibake.encode("utf-8")))
    latin = text.encode("utf-8").decode("latin-1")
    assert "garbled" in _refused(_write(tmp_path, "latin.txt", latin.encode("utf-8")))


def test_replacement_characters_are_garbled_text(tmp_path: Path) -> None:
    data = ("政府信息公开" + "\ufffd" * 20 + "年度报告\n").encode("utf-8") * 20
    assert "garbled" in _refused(_write(tmp_path, "replaced.md", data))


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert "too large" in _refused(path)


def test_unsupported_suffix(tmp_path: Path) -> None:
    assert "unsupported" in _refused(_write(tmp_path, "table.xlsx", b"PK\x03\x04"))


def test_html_with_nothing_to_read(tmp_path: Path) -> None:
    page = (
        b"<html><head><title>x</title><script>var a = 1;</script></head><body><nav>home</nav></body></html>"
    )
    assert "no text" in _refused(_write(tmp_path, "shell.html", page))
