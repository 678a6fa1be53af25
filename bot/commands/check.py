"""`gongkai check [CORPUS] [--json]`: load a corpus and show what was understood of it.

First the product's data files (bot/lexicon/*.toml, places.tsv, bot/corpus/labels.toml,
abbreviations.toml), each read afresh by its own loader: a broken one is named with the
entry at fault and the corpus is not read until it is fixed. Then
One line per document (kind, agency, year, sections, statistics, contacts, warnings);
for a report on the national template, a second line with the template slots found of
those expected and the table cells verified / unverified, then each identity of the
template the printed numbers break, with the cells and their numbers. Then the
documents that failed with the reason, the conflicts between documents, and a summary.
Links that leave the corpus folder, loop or lead nowhere are listed with the failures
(bot/corpus/boundary.py). Every line is printed through `bot.display.shown`, so a file
name cannot forge a line. Exit codes: 0 every document loaded, 1 some failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.corpus import load_corpus
from bot.corpus.models import Corpus, DocKind, Document, ReportTemplate
from bot.corpus.stats.audit import Audit, audit
from bot.display import shown
from bot.lexicon.validate import FileCheck, check_files
from bot.settings import load_settings


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the command."""
    parser = sub.add_parser("check", help="检查语料文件 (validate a corpus)")
    parser.add_argument(
        "corpus", nargs="?", type=Path, help="corpus folder (default: GONGKAI_CORPUS_DIR, corpus)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object for machines")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load every document and print what was understood of it."""
    if args.corpus is None:
        args.corpus = load_settings().corpus_dir
    if not args.corpus.is_dir():
        print(f"gongkai check: {shown(str(args.corpus))}: not a folder", file=sys.stderr)
        return 2
    files = check_files()
    if not all(file.ok for file in files):
        if args.json:
            print(json.dumps({"lexicon": lexicon_fields(files)}, ensure_ascii=False, indent=1))
        else:
            print("\n".join(lexicon_lines(files)))
            print("data files invalid: fix them before the corpus is read")
        return 1
    corpus = load_corpus(args.corpus)
    if args.json:
        print(json.dumps(report(corpus), ensure_ascii=False, indent=1))
    else:
        print("\n".join(text_lines(corpus)))
    return 1 if corpus.failures else 0


def lexicon_fields(files: list[FileCheck]) -> list[dict[str, Any]]:
    """The data files, for --json."""
    return [{"file": file.name, "ok": file.ok, "error": file.error} for file in files]


def lexicon_lines(files: list[FileCheck]) -> list[str]:
    """The data files for a terminal: one line when all are valid, else each broken one."""
    broken = [file for file in files if not file.ok]
    if not broken:
        names = ", ".join(file.name.rsplit("/", 1)[1] for file in files)
        return [f"ok    data files: {len(files)} valid ({names})"]
    return [shown(f"FAIL  {file.name}: {file.error}") for file in broken]


def summary(corpus: Corpus) -> dict[str, int]:
    """Counts an operator checks first."""
    return {
        "loaded": len(corpus.documents),
        "failed": len(corpus.failures),
        "conflicts": len(corpus.conflicts),
        "warnings": sum(len(doc.warnings) for doc in corpus.documents) + len(corpus.agencies.warnings),
        "agencies": len(corpus.agencies.agencies),
    }


def template_audit(doc: Document) -> Audit | None:
    """The template tables of a report on the national template (or with template cells), else None."""
    if doc.meta.kind is not DocKind.REPORT:
        return None
    if doc.meta.template is not ReportTemplate.NATIONAL and not any(s.slot for s in doc.statistics):
        return None
    return audit(doc.statistics)


def audit_fields(found: Audit) -> dict[str, Any]:
    """The template counts of one report, for --json."""
    return {
        "slots_found": found.slots_found,
        "slots_expected": found.slots_expected,
        "verified": found.verified,
        "unverified": found.unverified,
        "failed_identities": [
            {
                "id": check.identity.id,
                "text": check.describe(),
                "left": check.left,
                "right": check.right,
                "cells": check.values,
            }
            for check in found.failed
        ],
        "conflicting_slots": found.conflicts,
    }


def document_line(doc: Document) -> dict[str, Any]:
    """What `check` reports of one document."""
    meta = doc.meta
    found = template_audit(doc)
    return {
        "id": doc.id,
        "title": meta.title,
        "kind": meta.kind.value,
        "template": meta.template.value if meta.template else None,
        "agency": meta.agency,
        "year": meta.year,
        "sections": sum(1 for _ in doc.walk_sections()),
        "statistics": len(doc.statistics),
        "contacts": len(doc.contacts),
        "catalogue": len(doc.catalogue),
        "procedure": doc.procedure is not None,
        "inferred": meta.inferred,
        "warnings": doc.warnings,
        **(audit_fields(found) if found else {}),
    }


def report(corpus: Corpus) -> dict[str, Any]:
    """The whole check as one JSON-ready object."""
    return {
        "root": corpus.root,
        "lexicon": lexicon_fields(check_files()),
        "documents": [document_line(doc) for doc in corpus.documents],
        "failures": [failure.model_dump() for failure in corpus.failures],
        "conflicts": [conflict.model_dump(mode="json") for conflict in corpus.conflicts],
        "agency_warnings": corpus.agencies.warnings,
        "summary": summary(corpus),
    }


def text_lines(corpus: Corpus) -> list[str]:
    """The check as lines for a terminal."""
    lines = lexicon_lines(check_files())
    for doc in corpus.documents:
        row = document_line(doc)
        kind = row["kind"] + (f"/{row['template']}" if row["template"] else "")
        lines.append(
            f"ok    {doc.id}  {kind}  {row['agency'] or '-'}  {row['year'] or '-'}  "
            f"sections={row['sections']} statistics={row['statistics']} "
            f"contacts={row['contacts']} warnings={len(doc.warnings)}"
        )
        found = template_audit(doc)
        failed = {check.describe() for check in found.failed} if found else set()
        if found:
            lines.append(
                f"      template slots {found.slots_found}/{found.slots_expected}  "
                f"verified={found.verified} unverified={found.unverified}"
            )
            lines += [f"      identity fails: {c.describe()}  [{c.cells()}]" for c in found.failed]
        lines += [f"      warning: {warning}" for warning in doc.warnings if warning not in failed]
    lines += [f"FAIL  {failure.path}: {failure.reason}" for failure in corpus.failures]
    lines += [f"warning: {warning}" for warning in corpus.agencies.warnings]
    for conflict in corpus.conflicts:
        values = " | ".join(f"{v.value} ({v.document})" for v in conflict.values)
        lines.append(f"conflict  {conflict.agency} {conflict.field}: {values}")
    counts = summary(corpus)
    lines.append(
        f"{counts['loaded']} loaded, {counts['failed']} failed, {counts['conflicts']} conflicts, "
        f"{counts['warnings']} warnings, {counts['agencies']} agencies"
    )
    return [shown(line) for line in lines]
