"""China's administrative divisions, to the county level: names, short names, hierarchy.

    python -m bot.lexicon.places --write    regenerate places.tsv from jionlp (a dev dependency)

places.tsv is derived data: one line per province, city (地级) and county (县级) with its
administrative code, its parent's code, its full name and the short names it goes by
(临淄区 → 临淄; 淮阴市, the name before 2001, → 淮安市). It comes from jionlp's location
dictionary, kept as a file so that answering a question loads 3 500 lines rather than a
70 MB library; a test checks it against the installed jionlp.

Townships and 街道 are not here: the corpus registry names the ones the records hold.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.errors import LexiconError

PLACES_FILE = Path(__file__).with_name("places.tsv")
HEADER = "# code\tparent\tlevel\tname\tshort names (comma-separated)"
LEVELS = {1: "province", 2: "city", 3: "county"}


@dataclass(frozen=True)
class Place:
    """One administrative division."""

    code: str
    parent: str | None
    level: int  # 1 province, 2 city (地级), 3 county (县级)
    name: str  # full name: 张店区
    short: tuple[str, ...]  # other names: 张店, former names


@dataclass(frozen=True)
class PlaceMention:
    """A name of one or more places in a text: 鼓楼区 names several."""

    text: str
    start: int
    end: int
    places: tuple[Place, ...]
    full: bool  # the full name (张店区), not a short one (张店)


class Gazetteer:
    """Every division by every name, and the chain of divisions above each."""

    def __init__(self, places: list[Place]) -> None:
        self.by_code = {p.code: p for p in places}
        names: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            for name in (place.name, *place.short):
                if len(name) >= 2:
                    names[name].append(place)
        self._names = dict(names)
        self._longest = max((len(n) for n in self._names), default=0)

    def named(self, name: str) -> tuple[Place, ...]:
        """The places called `name` (full or short), most important first."""
        return tuple(sorted(self._names.get(name, ()), key=lambda p: (p.level, p.code)))

    def chain(self, place: Place) -> list[Place]:
        """The place and the divisions above it, the province first."""
        out = [place]
        while out[0].parent and out[0].parent in self.by_code:
            out.insert(0, self.by_code[out[0].parent])
        return out

    def within(self, place: Place, ancestor: Place) -> bool:
        """Whether `place` is `ancestor` or lies inside it."""
        return any(p.code == ancestor.code for p in self.chain(place))

    def mentions(self, text: str) -> list[PlaceMention]:
        """Place names in text, longest first where they overlap, in order of appearance."""
        found: list[PlaceMention] = []
        i = 0
        while i < len(text):
            for size in range(min(self._longest, len(text) - i), 1, -1):
                word = text[i : i + size]
                places = self.named(word)
                if places:
                    full = any(p.name == word for p in places)
                    found.append(PlaceMention(word, i, i + size, places, full))
                    i += size
                    break
            else:
                i += 1
        return found


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer of places.tsv, read once."""
    return Gazetteer(read_places(PLACES_FILE))


def read_places(path: Path) -> list[Place]:
    """The places of a places.tsv file."""
    places = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(path.name, f"cannot read: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            code, parent, level, name, short = line.split("\t")
            other_names = tuple(filter(None, short.split(",")))
            places.append(Place(code, parent or None, int(level), name, other_names))
        except ValueError as exc:
            expected = "code, parent, level, name, other names, by tabs"
            raise LexiconError(f"{path.name}: line {number}", f"expected {expected}: {exc}") from exc
    codes = {place.code for place in places}
    orphan = next((place for place in places if place.parent and place.parent not in codes), None)
    if orphan:
        raise LexiconError(f"{path.name}: {orphan.name}", f"parent {orphan.parent} is not listed")
    return places


def from_jionlp() -> list[Place]:
    """Every division in jionlp's location dictionary, with former names from its change list."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp

    tree: dict[str, Any] = jionlp.china_location_loader()
    places: dict[str, Place] = {}
    by_chain: dict[tuple[str, ...], str] = {}

    def add(node: dict[str, Any], name: str, level: int, parent: str | None, chain: tuple[str, ...]) -> None:
        code = str(node["_admin_code"])
        alias = node.get("_alias") or []
        short = [alias] if isinstance(alias, str) else list(alias)
        if code not in places:  # 直辖市 repeat themselves as their own city
            places[code] = Place(code, parent, level, name, tuple(s for s in short if s != name))
        by_chain[(*chain, name)] = code
        for child, sub in node.items():
            if not child.startswith("_"):
                add(sub, child, level + 1, code if code != parent else parent, (*chain, name))

    for province, node in tree.items():
        add(node, province, 1, None, ())
    for change in jionlp.china_location_change_loader():
        new = by_chain.get(tuple(change["new_loc"]))
        old = change["old_loc"][-1]
        if new and old and old[0] and old[0] != places[new].name and old[0] not in places[new].short:
            place = places[new]
            places[new] = Place(place.code, place.parent, place.level, place.name, (*place.short, old[0]))
    return sorted(places.values(), key=lambda p: p.code)


def write_places(path: Path = PLACES_FILE) -> int:
    """Regenerate places.tsv from jionlp; returns the number of places written."""
    places = from_jionlp()
    lines = [HEADER]
    for p in places:
        lines.append(f"{p.code}\t{p.parent or ''}\t{p.level}\t{p.name}\t{','.join(p.short)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(places)


def main(argv: list[str] | None = None) -> int:
    """Regenerate places.tsv."""
    parser = argparse.ArgumentParser(prog="python -m bot.lexicon.places", description=__doc__)
    parser.add_argument("--write", action="store_true", help="regenerate places.tsv from jionlp")
    args = parser.parse_args(argv)
    if not args.write:
        parser.print_help()
        return 0
    print(f"{write_places()} places written to {PLACES_FILE.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
