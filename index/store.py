"""Index versions on disk: build beside the served one, verify, switch atomically.

    INDEX_DIR/
    ├── current -> versions/<id>    symlink, replaced with os.replace (atomic)
    ├── build.lock                  fcntl lock held by the one running rebuild (holds its pid)
    └── versions/
        ├── <id>/                   a verified version: whoosh/ + facts.json + manifest.json (+ .in-use)
        └── <id>.partial/           a build in progress, or the leftovers of a killed one

A rebuild that fails or is killed at any point leaves `current` untouched; the next
rebuild removes leftovers. Readers mark the version they serve with a shared lock on
its .in-use file, and pruning never deletes a version in use.

A published version's files are read-only and listed in its manifest (index/manifest.py).
A current version that is damaged (a file truncated, changed or deleted) is stale, so
`--if-stale` rebuilds it, and `open_index` serves the newest intact version meanwhile.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.corpus.boundary import walk_corpus
from bot.corpus.load import iter_document_paths
from bot.corpus.models import AgencyRegistry, Corpus, Document
from bot.errors import IndexBuildError, IndexUnavailable
from index.backend import IndexInfo, KnowledgeBase, RecordKind, SearchFilters
from index.build import build_index, new_version_id
from index.facts import FORMAT, read_facts
from index.locks import acquire_build_lock, in_use
from index.manifest import check_manifest, seal
from index.search import IN_USE_FILE, WhooshBackend, open_version

CURRENT = "current"
VERSIONS = "versions"
LOCK_FILE = "build.lock"
PARTIAL = ".partial"
KEEP = 3  # versions kept on disk, the served one included
SMOKE_QUERY = "政府信息公开"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    """A version that was built, verified and made current."""

    info: IndexInfo
    folder: Path
    previous: str | None


def corpus_fingerprint(root: Path) -> str:
    """Identity of a corpus folder's files: relative paths, sizes and mtimes.

    The files are those the loader reads (bot/corpus/boundary.py); a link it refuses counts
    as the link itself, never what it points to outside the corpus.
    """
    digest = hashlib.sha256()
    walk = walk_corpus(root)
    entries = [(path, path.stat()) for path in walk.files]
    entries += [(refused.path, refused.path.lstat()) for refused in walk.refused]
    for path, stat in sorted(entries):
        rel = path.relative_to(root).as_posix()
        digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def current_folder(index_dir: Path) -> Path | None:
    """The version folder `current` points to, if any."""
    pointer = index_dir / CURRENT
    if not pointer.is_symlink():
        return None
    return (index_dir / pointer.readlink()).resolve()


def open_index(index_dir: Path, *, fallback: bool = False) -> KnowledgeBase:
    """Open the version `current` points to (or index_dir itself if it is a version folder).

    fallback (at start-up): if that version is missing or damaged, the newest intact one
    is opened instead and the reason logged; IndexUnavailable only when none is intact.
    """
    folder = current_folder(index_dir)
    if folder is None:
        if (index_dir / "facts.json").is_file():
            return open_version(index_dir)
        raise IndexUnavailable(f"{index_dir}: no index has been built here yet: run `gongkai build`")
    try:
        if not folder.is_dir():
            missing = f"{index_dir}: the current index {folder.name} is missing: run `gongkai build`"
            raise IndexUnavailable(missing)
        return open_version(folder)
    except IndexUnavailable as exc:
        if not fallback:
            raise
        return _open_fallback(index_dir, folder, exc)


def _open_fallback(index_dir: Path, current: Path, reason: IndexUnavailable) -> KnowledgeBase:
    """The newest intact version: older than current first (a rollback's reason still holds)."""
    others = [folder for folder in complete_versions(index_dir) if folder != current]
    if not others:
        raise reason
    log.error("%s", reason)
    older = [folder for folder in others if folder.name < current.name]
    newer = [folder for folder in others if folder.name > current.name]
    for folder in [*reversed(older), *reversed(newer)]:
        try:
            kb = open_version(folder)
        except IndexUnavailable as exc:
            log.error("not usable either: %s", exc)
            continue
        log.warning("serving the intact version %s until the index is rebuilt (gongkai build)", folder.name)
        return kb
    raise IndexUnavailable(f"{reason}; no other intact version in {index_dir / VERSIONS}") from reason


def is_stale(index_dir: Path, corpus_dir: Path) -> bool:
    """Whether there is no intact current version or the corpus changed since it was built."""
    folder = current_folder(index_dir)
    if folder is None:
        return True
    try:
        check_manifest(folder)
        facts = read_facts(folder)
    except IndexUnavailable as exc:
        log.warning("the current index must be rebuilt: %s", exc)
        return True
    except (OSError, ValueError):
        return True
    return facts.format != FORMAT or facts.fingerprint != corpus_fingerprint(corpus_dir)


def publish(
    corpus: Corpus,
    index_dir: Path,
    *,
    fingerprint: str | None = None,
    progress: Callable[[Document], None] | None = None,
    keep: int = KEEP,
) -> Published:
    """Build a new version beside the served one, verify it, switch to it, prune old ones."""
    if not corpus.documents:
        raise IndexBuildError(f"{corpus.root}: no document could be loaded; the served index is untouched")
    with acquire_build_lock(index_dir / LOCK_FILE):
        versions = index_dir / VERSIONS
        versions.mkdir(parents=True, exist_ok=True)
        remove_leftovers(index_dir)
        version = new_version_id()
        partial = versions / (version + PARTIAL)
        try:
            info = build_index(corpus, partial, version=version, fingerprint=fingerprint, progress=progress)
            verify(partial, info)
            seal(partial)  # read-only from here on: readers trust what the manifest lists
        except Exception as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise IndexBuildError(
                f"the new index could not be built; the served index is untouched: {why(exc, versions)}"
            ) from exc
        folder = versions / version
        partial.rename(folder)
        previous = current_folder(index_dir)
        switch(index_dir, folder)
        prune(index_dir, keep)
        return Published(info=info, folder=folder, previous=previous.name if previous else None)


def why(exc: BaseException, folder: Path) -> str:
    """The reason a build failed, for an operator: a full disk named as such, with its folder."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT):
            return (
                f"the disk is full (no space left on the device) under {folder}: free space, then build again"
            )
        seen = seen.__cause__ or seen.__context__
    return str(exc)


def verify(folder: Path, expected: IndexInfo) -> None:
    """Open a freshly built version, check its counts and run a smoke query."""
    backend = WhooshBackend(folder, expected, AgencyRegistry())
    try:
        for kind, written in expected.records.items():
            found = backend.count(SearchFilters(records=[RecordKind(kind)]))
            if found != written:
                raise IndexBuildError(f"{folder.name}: {found} {kind} records readable, {written} written")
        if backend.count() != sum(expected.records.values()):
            raise IndexBuildError(f"{folder.name}: the record count does not add up")
        if backend.count() and not backend.search(SMOKE_QUERY, limit=1) and expected.documents > 1:
            raise IndexBuildError(f"{folder.name}: the smoke query {SMOKE_QUERY!r} found nothing")
        backend.records(SearchFilters(), limit=10)  # stored hits parse
    finally:
        backend.close()


def switch(index_dir: Path, folder: Path) -> None:
    """Point `current` at folder atomically: a new symlink renamed over the old one."""
    temp = index_dir / f".{CURRENT}.{os.getpid()}"
    temp.unlink(missing_ok=True)
    temp.symlink_to(folder.relative_to(index_dir))
    temp.replace(index_dir / CURRENT)


def rollback(index_dir: Path) -> Path:
    """Point `current` at the newest version older than it; returns that version's folder."""
    with acquire_build_lock(index_dir / LOCK_FILE):
        current = current_folder(index_dir)
        if current is None:
            raise IndexBuildError(f"{index_dir}: no current index to roll back from")
        older = [folder for folder in complete_versions(index_dir) if folder.name < current.name]
        if not older:
            raise IndexBuildError(f"{index_dir}: no version older than {current.name} to roll back to")
        open_version(older[-1]).backend.close()  # refuse to switch to a version that does not open
        switch(index_dir, older[-1])
        return older[-1]


def complete_versions(index_dir: Path) -> list[Path]:
    """Verified version folders, oldest first."""
    versions = index_dir / VERSIONS
    if not versions.is_dir():
        return []
    return sorted(p for p in versions.iterdir() if p.is_dir() and not p.name.endswith(PARTIAL))


def prune(index_dir: Path, keep: int = KEEP) -> list[str]:
    """Delete versions beyond the newest `keep`, never the current one or one in use."""
    current = current_folder(index_dir)
    removed = []
    for folder in complete_versions(index_dir)[:-keep] if keep > 0 else []:
        if folder != current and not in_use(folder / IN_USE_FILE):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def remove_leftovers(index_dir: Path) -> list[str]:
    """Delete what killed builds left: partial version folders and unswitched pointers."""
    leftovers = [p for p in (index_dir / VERSIONS).iterdir() if p.name.endswith(PARTIAL)]
    for folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)
    pointers = list(index_dir.glob(f".{CURRENT}.*"))
    for pointer in pointers:
        pointer.unlink(missing_ok=True)
    return [path.name for path in leftovers + pointers]


def corpus_documents(root: Path) -> int:
    """How many documents a corpus folder holds (for a progress bar's total)."""
    return sum(1 for _ in iter_document_paths(root))
