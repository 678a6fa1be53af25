"""The JSON-lines files under bot.records: append without failing the caller, read, scrub.

    out = Appender(path)
    out.append(line)            # False, counted in out.lost and logged once, if it failed
    for line in read_lines(path, Model): ...
    scrub(path, mask)           # mask, in place, the questions an earlier version kept

Nothing here logs what a line holds: only file names and the operating system's reason.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from bot.privacy import mask_personal

log = logging.getLogger("bot.records")

T = TypeVar("T", bound=BaseModel)


class Appender:
    """Appends JSON lines to one file; a write that fails loses that line, never the caller's work."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lost = 0  # lines not written since start
        self._failing = False

    def append(self, line: BaseModel) -> bool:
        """Write one line; on failure count it, log once per run of failures, and return False."""
        try:
            _append(self.path, line)
        except (OSError, UnicodeError) as exc:  # UnicodeError: a line UTF-8 cannot encode
            self.lost += 1
            if not self._failing:
                log.error("cannot write %s (%s): records are lost until it can be", self.path, reason(exc))
            self._failing = True
            return False
        if self._failing:
            log.warning("%s can be written again; %d records were lost", self.path, self.lost)
            self._failing = False
        return True


def read_lines(path: Path, model: type[T]) -> Iterator[T]:
    """The valid lines of a file, oldest first; an unreadable line is skipped and named."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, text in enumerate(lines, 1):
            if not text.strip():
                continue
            try:
                yield model.model_validate_json(text)
            except ValidationError:
                log.warning("%s:%d: unreadable line skipped", path, number)


def scrub(path: Path, mask: Callable[[str], str]) -> None:
    """Mask the questions an earlier version stored unmasked; rewrite the file only if one changed."""
    try:
        if not path.is_file():
            return
        text = path.read_text(encoding="utf-8", errors="replace")
        clean = "".join(_scrub_line(line, mask) for line in text.splitlines(keepends=True))
        if clean == text:
            return
        spare = path.with_name(f".{path.name}.scrub")
        spare.write_text(clean, encoding="utf-8")
        spare.replace(path)
    except OSError as exc:
        log.error("cannot mask the stored questions of %s (%s): it may hold personal data", path, reason(exc))
        return
    log.warning("%s: masked personal data that an earlier version had stored", path)


def reason(exc: OSError | UnicodeError) -> str:
    """What went wrong, without the file name or anything else the exception quotes."""
    return (exc.strerror if isinstance(exc, OSError) else None) or type(exc).__name__


def _scrub_line(line: str, mask: Callable[[str], str]) -> str:
    try:
        data = json.loads(line)
    except ValueError:
        return mask_personal(line)  # not JSON: mask it whole
    question = data.get("question") if isinstance(data, dict) else None
    if not isinstance(question, str) or mask(question) == question:
        return line if isinstance(data, dict) else mask_personal(line)
    return json.dumps({**data, "question": mask(question)}, ensure_ascii=False) + "\n"


def _append(path: Path, line: BaseModel) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line.model_dump(mode="json"), ensure_ascii=False) + "\n")
