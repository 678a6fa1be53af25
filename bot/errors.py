"""The project's exceptions, handled at one boundary per channel.

    GongkaiError
    ├── CorpusError           the corpus as a whole cannot be read (no such folder)
    │   └── DocumentError     one document cannot be loaded; names the file and the reason
    ├── IndexUnavailable      no built index, or it cannot be opened
    │   ├── IndexBuildError   a rebuild failed; the served index is untouched
    │   ├── IndexDamaged      a version's file differs from its manifest; names the file
    │   └── IndexLocked       another rebuild holds the lock
    ├── QueryError            a question that cannot be turned into a search
    ├── SettingsError         invalid configuration; names the setting
    ├── LexiconError          a domain data file (bot/lexicon/*.toml) is invalid; names the entry
    ├── ChartError            a chart cannot be drawn (its Chinese font is not installed)
    └── AssistError           a citizen's input to the application helper cannot be used
        ├── InvalidField      one answer of an application is invalid; names the field
        ├── DateParseError    a date expression that cannot be read
        └── CalendarUnavailable  no official working-day calendar for a year a deadline needs

Messages are written for the person who will read them: operators read corpus,
index and settings errors; citizens never see a raw exception. An AssistError
carries `user_message`, the Simplified Chinese text a channel shows the citizen;
its `str()` never repeats what the citizen typed, so logging it leaks nothing.
"""

from __future__ import annotations

from pathlib import Path


class GongkaiError(Exception):
    """Base of every error this project raises on purpose."""


class CorpusError(GongkaiError):
    """The corpus as a whole cannot be read."""


class DocumentError(CorpusError):
    """One document cannot be loaded."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexUnavailable(GongkaiError):
    """No built index, or the index cannot be opened."""


class IndexBuildError(IndexUnavailable):
    """A rebuild failed; the index being served is untouched."""


class IndexDamaged(IndexUnavailable):
    """A built version's file is missing or differs from what its build recorded."""

    def __init__(self, folder: Path, file: str, reason: str) -> None:
        super().__init__(f"{folder}: damaged index version: {file} {reason}; run `gongkai build`")
        self.folder = folder
        self.file = file
        self.reason = reason


class IndexLocked(IndexUnavailable):
    """Another rebuild holds the lock."""


class QueryError(GongkaiError):
    """A question that cannot be turned into a search."""


class SettingsError(GongkaiError):
    """Invalid configuration."""

    def __init__(self, setting: str, reason: str) -> None:
        super().__init__(f"{setting}: {reason}")
        self.setting = setting
        self.reason = reason


class ChartError(GongkaiError):
    """A chart cannot be drawn: the message says what to install; no chart is better than tofu."""


class LexiconError(GongkaiError, ValueError):
    """A domain data file is invalid: `entry` names the file and the entry at fault (a ValueError too)."""

    def __init__(self, entry: str, reason: str) -> None:
        super().__init__(f"{entry}: {reason}")
        self.entry = entry
        self.reason = reason


class AssistError(GongkaiError):
    """A citizen's input to the application helper cannot be used."""

    def __init__(self, user_message: str) -> None:
        super().__init__(type(self).__name__)
        self.user_message = user_message


class InvalidField(AssistError):
    """One answer of an application is invalid; `field` names it."""

    def __init__(self, field: str, user_message: str) -> None:
        super().__init__(user_message)
        self.field = field

    def __str__(self) -> str:
        return f"invalid field: {self.field}"


class DateParseError(AssistError):
    """A date expression that cannot be read."""


class CalendarUnavailable(AssistError):
    """No official working-day calendar for a year that a deadline needs."""

    def __init__(self, years: tuple[int, ...], user_message: str) -> None:
        super().__init__(user_message)
        self.years = years

    def __str__(self) -> str:
        return f"no working-day calendar for {', '.join(map(str, self.years))}"
