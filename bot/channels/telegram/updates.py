"""Long polling that survives an update python-telegram-bot cannot read.

PTB parses a whole getUpdates batch at once: one update it cannot build (a `poll`
without `allows_revoting`, a message without `date`, a newer Bot API shape) fails the
batch, PTB logs the raw batch (citizens' messages) at CRITICAL, and the poll loop asks
for the same batch again at once, for ever. `UpdatesRequest` reads each update of a
batch before PTB does and puts an empty update (only its `update_id`) in place of one
that cannot be read: PTB then confirms it like any other, no handler matches it, and
the bot goes on. The skipped update is logged once, by id and kind, never its content.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)

# Names PTB quotes in its errors (`allows_revoting`, 'first_name'); anything else in an
# error message may be the citizen's text, so only such names are logged.
_FIELD = re.compile(r"[`']([a-z_]{1,40})[`']")
_KIND = re.compile(r"[a-z_]{1,40}")


class UpdatesRequest(HTTPXRequest):
    """The getUpdates connection: hands PTB only updates it can read."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """Parse the response as PTB does, then replace every unreadable update."""
        data: dict[str, Any] = HTTPXRequest.parse_json_payload(payload)
        if isinstance(data, dict) and isinstance(data.get("result"), list):
            data["result"] = readable(data["result"])
        return data


def readable(updates: list[Any]) -> list[Any]:
    """The batch, each update PTB cannot read replaced by its bare `update_id` (dropped without one)."""
    kept = []
    for raw in updates:
        try:
            if not isinstance(raw, dict):
                raise TypeError("an update is a JSON object")
            Update.de_json(raw, None)
        except Exception as exc:  # PTB raises TypeError, KeyError, OverflowError ... on a bad shape
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            log.error(
                "update %s skipped: python-telegram-bot cannot read it (%s)", update_id, _reason(raw, exc)
            )
            if isinstance(update_id, int) and not isinstance(update_id, bool):
                kept.append({"update_id": update_id})  # confirmed with the next offset, handled by no one
            continue
        kept.append(raw)
    return kept


def _reason(raw: object, exc: Exception) -> str:
    # The kind of update and the fields PTB names: enough to report upstream, nothing typed by a person.
    kinds = [key for key in raw if key != "update_id"] if isinstance(raw, dict) else []
    kind = ", ".join(k if _KIND.fullmatch(str(k)) else "?" for k in kinds[:3]) or type(raw).__name__
    fields = sorted(set(_FIELD.findall(str(exc))))
    named = f": {', '.join(fields)}" if fields else ""
    return f"{kind}; {type(exc).__name__}{named}"
