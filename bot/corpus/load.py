"""Walk a corpus folder and turn every document into a `Document`.

    file ─ read_document ─ RawDocument ─ read_header ─ fields, title, body
                                          unwrap (PDF line breaks) ─ body
      body ─ build_sections ─ extract_contacts ─ extract_procedure ─ extract_catalogue
      header + body ─ infer_meta ─ merge_meta ◄─ sidecar NAME.meta.json (wins field by field)
    all documents + agencies.toml ─ build_registry ─ area codes, offices of governments,
                                                     other names of departments, conflicts

This module only orchestrates; each step lives in its own module. A document that
cannot be loaded becomes a LoadFailure naming the file and the reason; the rest load.
What is inside the corpus is decided by `boundary.walk_corpus`: a link that leaves the
folder, loops or leads nowhere is a LoadFailure too, and nothing outside is ever read.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.corpus.agencies import (
    AGENCY_FILE,
    AgencyFile,
    build_registry,
    learned_area_codes,
    learned_names,
    learned_parents,
    misprint_notes,
    misprinted_places,
    read_agency_file,
)
from bot.corpus.boundary import Walk, outside_reason, walk_corpus
from bot.corpus.catalogue import extract_catalogue
from bot.corpus.conflicts import find_conflicts
from bot.corpus.contacts import extract_contacts, owner
from bot.corpus.formats import parse_document, read_file
from bot.corpus.header import read_header
from bot.corpus.layout import unwrap
from bot.corpus.meta import infer_meta, merge_meta
from bot.corpus.models import AgencyRegistry, Corpus, DocKind, Document, LoadFailure, Section, Statistic
from bot.corpus.organs import is_relative
from bot.corpus.phones import with_area_code
from bot.corpus.procedure import extract_procedure
from bot.corpus.raw import RawDocument
from bot.corpus.sections import build_sections
from bot.corpus.sidecar import is_sidecar, read_sidecar, sidecar_path
from bot.corpus.stats import extract_statistics
from bot.display import shown
from bot.errors import CorpusError, DocumentError

log = logging.getLogger(__name__)

SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx"})


def iter_document_paths(root: Path) -> Iterator[Path]:
    """Every document file inside root, sorted, skipping sidecars, agencies.toml and hidden files."""
    yield from _documents(walk_corpus(root))


def _documents(walk: Walk) -> Iterator[Path]:
    return (path for path in walk.files if _is_document(path))


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not is_sidecar(path)


def load_corpus(root: Path, progress: Callable[[Path], None] | None = None) -> Corpus:
    """Load every document under root; a broken document is reported, never fatal."""
    if not root.is_dir():
        raise CorpusError(f"{root}: no such corpus folder")
    corpus = Corpus(root=str(root))
    agency_file = _agency_file(root, corpus.failures)
    registry = build_registry(agency_file)
    walk = walk_corpus(root)
    corpus.failures += [
        LoadFailure(path=shown(refused.path.relative_to(root).as_posix()), reason=refused.reason)
        for refused in walk.refused
    ]
    for path in _documents(walk):
        if progress:
            progress(path)
        try:
            corpus.documents.append(_load(path, root, registry))
        except DocumentError as exc:
            corpus.failures.append(LoadFailure(path=exc.path, reason=exc.reason))
    corpus.agencies = _registry(agency_file, corpus.documents)
    corpus.documents = [_with_area_codes(doc, corpus.agencies) for doc in corpus.documents]
    corpus.conflicts = find_conflicts(corpus.documents, corpus.agencies)
    return corpus


def load_document(path: Path, root: Path) -> Document:
    """Load one document; raise DocumentError naming the file and the reason."""
    registry = build_registry(_agency_file(root, []))
    return _with_area_codes(_load(path, root, registry), registry)


def _load(path: Path, root: Path, registry: AgencyRegistry) -> Document:
    rel = path.relative_to(root).as_posix()
    if shown(rel) != rel:  # the name may become a title shown to citizens: it must be plain text
        raise DocumentError(shown(rel), "the file name holds control characters or is not UTF-8: rename it")
    if reason := outside_reason(path, root):
        raise DocumentError(rel, reason)
    data = read_file(path.resolve(), rel)  # sized before it is read, never more than the limit
    sidecar, warnings = _sidecar(path, rel, root)
    raw = _read(data, path, rel)
    return _understand(raw, hashlib.sha256(data).hexdigest(), sidecar, warnings, registry)


def _sidecar(path: Path, rel: str, root: Path) -> tuple[dict[str, object], list[str]]:
    """The sidecar's fields; one that is a link out of the corpus is named, not read."""
    sidecar = sidecar_path(path)
    if sidecar.is_symlink() and (reason := outside_reason(sidecar, root)):
        return {}, [f"sidecar {sidecar.name}: {reason}"]
    return read_sidecar(path, rel)


def _read(data: bytes, path: Path, rel: str) -> RawDocument:
    """The reader's output; any reader failure becomes this document's DocumentError."""
    try:
        return parse_document(data, path.suffix, rel)
    except DocumentError:
        raise
    except Exception as exc:  # a reader bug or a broken file must not stop the corpus
        log.debug("reader failed on %s", rel, exc_info=True)
        raise DocumentError(rel, f"cannot read {path.suffix.lstrip('.')} file: {exc}") from exc


def _understand(
    raw: RawDocument, sha256: str, sidecar: dict[str, object], warnings: list[str], registry: AgencyRegistry
) -> Document:
    """Everything the parsers make of one document's text."""
    header = read_header(raw)
    body = unwrap(header.body, raw.format)
    catalogue = extract_catalogue(raw.tables, body)
    inference = infer_meta(header, body, registry, [e.title for e in catalogue], Path(raw.path).stem)
    meta, meta_warnings = merge_meta(inference, sidecar)
    tree = build_sections(body)
    agency = registry.canonical(meta.agency) if meta.agency else None
    statistics, stat_warnings = _statistics(raw, tree.sections) if meta.kind is DocKind.REPORT else ([], [])
    return Document(
        id=raw.path,
        meta=meta,
        text=raw.text,
        sha256=sha256,
        sections=tree.sections,
        statistics=statistics,
        contacts=extract_contacts(body, tree, agency),
        procedure=extract_procedure(tree, body) if meta.kind is DocKind.GUIDE else None,
        catalogue=catalogue,
        warnings=[*raw.warnings, *warnings, *meta_warnings, *stat_warnings],
    )


def _statistics(raw: RawDocument, sections: list[Section]) -> tuple[list[Statistic], list[str]]:
    """A report's statistics, each prose number placed under the heading it stands in."""
    statistics, warnings = extract_statistics(raw)
    flat = [section for top in sections for section in top.walk()]
    for stat in statistics:
        if stat.evidence and not stat.location.section:
            probe = stat.evidence[:24]
            home = next((sec for sec in flat if probe in sec.text or probe in sec.heading), None)
            if home is not None:
                stat.location.section = list(home.path)
    return statistics, warnings


def _agency_file(root: Path, failures: list[LoadFailure]) -> AgencyFile:
    """The operator's agency file; a broken one is reported and the registry built without it."""
    path = root / AGENCY_FILE
    if path.is_symlink() and (reason := outside_reason(path, root)):
        failures.append(LoadFailure(path=AGENCY_FILE, reason=reason))
        return AgencyFile()
    try:
        return read_agency_file(root)
    except DocumentError as exc:
        failures.append(LoadFailure(path=exc.path, reason=exc.reason))
        return AgencyFile()


def _registry(agency_file: AgencyFile, documents: list[Document]) -> AgencyRegistry:
    """The corpus registry: the operator's agencies, every document's agency and publisher."""
    printed = [
        n for doc in documents for n in (doc.meta.agency, doc.meta.publisher) if n and not is_relative(n)
    ]
    misprints = misprinted_places(printed)  # 沐阳县人民政府 -> 沭阳县人民政府
    names = [misprints.get(n, n) for n in printed]
    preliminary = build_registry(agency_file, names)
    codes: dict[str, list[str]] = defaultdict(list)
    for doc in documents:
        for contact in doc.contacts:
            agency = preliminary.canonical(contact.agency or "")
            codes[agency] += [p.area_code for p in contact.phones if p.area_code and not p.inferred_area_code]
    parents = learned_parents(((doc.meta.agency, doc.meta.authors) for doc in documents), preliminary)
    reports = [
        (doc.meta.agency, doc.meta.compiled_by) for doc in documents if doc.meta.kind is DocKind.REPORT
    ]
    other_names = {**learned_names(reports, preliminary), **misprints}
    registry = build_registry(agency_file, names, learned_area_codes(codes), parents, other_names)
    return registry.model_copy(update={"warnings": [*registry.warnings, *misprint_notes(misprints)]})


def _with_area_codes(doc: Document, registry: AgencyRegistry) -> Document:
    """A document whose contacts use canonical agency names and dialable landlines."""
    contacts = []
    for contact in doc.contacts:
        agency = owner(contact, registry, contact.agency or doc.meta.agency)
        named = contact.model_copy(update={"agency": agency.name}) if agency else contact
        contacts.append(with_area_code(named, agency.area_code if agency else None))
    return doc.model_copy(update={"contacts": contacts})
