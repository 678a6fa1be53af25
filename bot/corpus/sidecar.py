"""Read a document's optional sidecar `NAME.meta.json` and let it win field by field.

Schema (every key optional): title, agency, year, kind, url, complete, and for items
index_no, doc_no, publisher, date (成文日期), validity; published (发布日期) is accepted too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.corpus.models import DocKind, DocumentMeta, ReportTemplate
from bot.errors import DocumentError
from bot.text import normalize_doc_no

SIDECAR_SUFFIX = ".meta.json"

# Sidecar "kind" values and what they mean here.
SIDECAR_KINDS: dict[str, tuple[DocKind, ReportTemplate | None]] = {
    "annual_report_pre2019": (DocKind.REPORT, ReportTemplate.PRE2019),
    "annual_report_2019plus": (DocKind.REPORT, ReportTemplate.NATIONAL),
    "annual_report": (DocKind.REPORT, None),
    "guide": (DocKind.GUIDE, None),
    "item": (DocKind.ITEM, None),
    "item_list": (DocKind.ITEM_LIST, None),
    "law": (DocKind.LAW, None),
    "generic": (DocKind.GENERIC, None),
}
_FIELDS = {
    "title",
    "agency",
    "year",
    "url",
    "complete",
    "index_no",
    "doc_no",
    "publisher",
    "validity",
    "published",
}


def sidecar_path(path: Path) -> Path:
    """Where the sidecar of a document would be."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    """Whether a file is a sidecar rather than a document."""
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(path: Path, rel: str) -> tuple[dict[str, Any], list[str]]:
    """The DocumentMeta fields a document's sidecar sets, and warnings; ({}, []) without one."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return {}, []
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise DocumentError(rel, f"unreadable sidecar {sidecar.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise DocumentError(rel, f"unreadable sidecar {sidecar.name}: expected a JSON object")
    warnings = [
        f"sidecar {sidecar.name}: unknown key {key!r} ignored"
        for key in data
        if key not in {*_FIELDS, "kind", "date"}
    ]
    fields = {key: value for key, value in data.items() if key in _FIELDS and value is not None}
    if data.get("date") is not None:
        fields["written"] = data["date"]
    if isinstance(fields.get("doc_no"), str):
        fields["doc_no"] = normalize_doc_no(fields["doc_no"])
    if "kind" in data:
        if data["kind"] in SIDECAR_KINDS:
            kind, template = SIDECAR_KINDS[data["kind"]]
            fields["kind"] = kind
            if template is not None or kind is not DocKind.REPORT:  # "annual_report" leaves it to the text
                fields["template"] = template
        else:
            warnings.append(f"sidecar {sidecar.name}: unknown kind {data['kind']!r} ignored")
    _validate(fields, rel, sidecar.name)
    return fields, warnings


def _validate(fields: dict[str, Any], rel: str, name: str) -> None:
    """Reject a sidecar whose values cannot be metadata, naming the field."""
    try:
        DocumentMeta.model_validate({"title": "-", **fields})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise DocumentError(rel, f"invalid sidecar {name}: {problems}") from exc
