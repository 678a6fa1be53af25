"""Walk a corpus folder and turn every document into a `Document`.

Walking skeleton: sidecar metadata and plain text only. The parsers (formats,
metadata inference, sections, statistics, contacts, agency registry) replace the
bodies of these functions without changing their signatures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.corpus.formats import read_document
from bot.corpus.models import Corpus, DocKind, Document, DocumentMeta, LoadFailure, ReportTemplate, Section
from bot.errors import CorpusError, DocumentError

SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})

# Sidecar "kind" values and what they mean here.
SIDECAR_KINDS: dict[str, tuple[DocKind, ReportTemplate | None]] = {
    "annual_report_pre2019": (DocKind.REPORT, ReportTemplate.PRE2019),
    "annual_report_2019plus": (DocKind.REPORT, ReportTemplate.NATIONAL),
    "guide": (DocKind.GUIDE, None),
    "item": (DocKind.ITEM, None),
    "item_list": (DocKind.ITEM_LIST, None),
    "law": (DocKind.LAW, None),
}


def iter_document_paths(root: Path) -> Iterator[Path]:
    """Every document file under root, sorted, skipping sidecars and hidden files."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES and not _hidden(path, root):
            yield path


def load_corpus(root: Path, progress: Callable[[Path], None] | None = None) -> Corpus:
    """Load every document under root; a broken document is reported, never fatal."""
    if not root.is_dir():
        raise CorpusError(f"{root}: no such corpus folder")
    corpus = Corpus(root=str(root))
    for path in iter_document_paths(root):
        if progress:
            progress(path)
        try:
            corpus.documents.append(load_document(path, root))
        except DocumentError as exc:
            corpus.failures.append(LoadFailure(path=exc.path, reason=exc.reason))
    return corpus


def load_document(path: Path, root: Path) -> Document:
    """Load one document; raise DocumentError naming the file and the reason."""
    rel = path.relative_to(root).as_posix()
    if not path.read_bytes().strip():
        raise DocumentError(rel, "empty file")
    raw = read_document(path, rel)
    meta = _sidecar(path, rel) or DocumentMeta(title=path.stem, inferred=["title"])
    return Document(
        id=rel,
        meta=meta,
        text=raw.text,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        sections=[Section(number="", heading=meta.title, level=0, path=[meta.title], text=raw.text)],
    )


def _sidecar(path: Path, rel: str) -> DocumentMeta | None:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise DocumentError(rel, f"unreadable sidecar {sidecar.name}: {exc}") from exc
    kind, template = SIDECAR_KINDS.get(data.pop("kind", ""), (DocKind.GENERIC, None))
    fields = {k: v for k, v in data.items() if k in DocumentMeta.model_fields}
    if "date" in data:
        fields["written"] = data["date"]
    return DocumentMeta(kind=kind, template=template, **fields)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
