"""Read every domain data file afresh and say which are valid: what `gongkai check` reports first.

Each file has one loader, the one the product uses; here each is called on the file as it
is now (not the copy a running process cached), so an operator can edit, check, restart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.corpus.abbreviations import ABBREVIATIONS_FILE, load_abbreviations
from bot.corpus.labels import LABELS_FILE, load_labels
from bot.errors import LexiconError
from bot.lexicon.organs import ORGANS_FILE, load_organs
from bot.lexicon.places import PLACES_FILE, read_places
from bot.lexicon.questions import QUESTIONS_FILE, load_questions
from bot.lexicon.template import TEMPLATE_FILE, read_template
from bot.lexicon.words import WORDS_FILE, load_words

# Every data file with its loader, in the order a reader meets them: questions, then documents.
FILES: tuple[tuple[Path, Callable[[Path], Any]], ...] = (
    (QUESTIONS_FILE, load_questions),
    (WORDS_FILE, load_words),
    (ORGANS_FILE, load_organs),
    (PLACES_FILE, read_places),
    (TEMPLATE_FILE, read_template),
    (LABELS_FILE, load_labels),
    (ABBREVIATIONS_FILE, load_abbreviations),
)


@dataclass(frozen=True)
class FileCheck:
    """One data file: its name (package-relative) and the problem, if any."""

    name: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def check_files(files: tuple[tuple[Path, Callable[[Path], Any]], ...] = FILES) -> list[FileCheck]:
    """Load each file with its own loader; a file that fails is named with the entry at fault."""
    checks = []
    for path, load in files:
        name = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
        try:
            load(path)
        except LexiconError as exc:
            checks.append(FileCheck(name, str(exc)))
        else:
            checks.append(FileCheck(name))
    return checks
