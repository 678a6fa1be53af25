"""Split a document body into its section tree: 一、 （一） 1、 （1）, 第X章, 第X条.

Headings usually start a line, but flattened pages run them into the text
("…电子邮箱：pzxxgkb＠163.com一、概述2017年，…（一）加强组织领导,精心部署安排1.高度重视。…").
A marker is taken as a heading only when it is sound:

- at the start of a line, its number must move forward (a table row repeating "三、"
  is not a new section) and the line must not be a row of figures;
- inside a line, its number must be exactly the next one at its level (so "1.5万",
  "统一、规范" or "第二十条第（一）项" never split), it must not follow "；，、" and
  must not open an item that ends in "；，" — list items inside a sentence stay text;
- 第X条 and 第X章 count at the start of a line only ("依照本条例第三十三条" is a reference).

Levels are ranks among the marker kinds a document uses: 第X章 above 第X条 above 一、
above （一） above 1、 above （1）, so a report's 一、 is level 1 and a law's （一） sits
under its article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import islice

from bot.corpus.cn import cn_to_int
from bot.corpus.models import Section
from bot.text import fold

_CN = "一二三四五六七八九十"
_CN_BIG = "一二三四五六七八九十百零〇"
_CANDIDATE = re.compile(
    rf"(?P<md>^[ \t\u3000]*#{{1,6}}[ \t]+)"
    rf"|(?P<law>第(?P<lawn>[{_CN_BIG}]{{1,6}})(?P<lawk>[编章节条]))"
    rf"|(?P<pcn>\(\s*(?P<pcnn>[{_CN}]{{1,3}})\s*\))"
    rf"|(?P<cn>(?P<cnn>[{_CN}]{{1,3}})\s*(?:、|\.(?!\d)))"
    rf"|(?P<pnum>\(\s*(?P<pnumn>\d{{1,2}})\s*\))"
    rf"|(?P<num>(?<![\d.])(?P<numn>\d{{1,2}})\s*(?:、|\.(?![\d.])))",
    re.MULTILINE,
)
RANKS = ("md", "编", "章", "节", "条", "cn", "pcn", "num", "pnum")
_LAW_KINDS = {"编", "章", "节", "条"}
_LIST_SEPARATORS = "；;，,、"
_ROW_OF_FIGURES = re.compile(r"(?:\s+[\d.,%]+){3,}\s*$")
_STOP = re.compile(r"[。；;：！？!?]|:(?!//)|\s+(?=\d)|\s{2,}|(?<=[\u4e00-\u9fff])(?=(?:19|20)\d{2}\s*年)")
_BLANKS = " \t\u3000\xa0"
_LEADING_BLANKS = re.compile(r"[ \t\u3000\xa0]*")
_LINE_PREFIX = re.compile(r"[ \t\u3000\xa0#]*")  # what may stand before a heading on its line
_MAX_ROW = 200  # a longer line is prose, not a table row
_MAX_HEADING = 40
_LONG_CLAUSE = 12  # a heading this long with a comma in it is the start of a sentence


@dataclass
class Marker:
    """A heading marker accepted in the body."""

    start: int  # where the section starts: the marker, or its line when the marker opens it
    at: int  # where the marker itself is printed
    end: int  # where the heading text starts
    kind: str  # one of RANKS
    value: int
    printed: str  # as printed: "一、", "（一）", "1.", "第二十九条", "## "
    line_start: bool


class _Lines:
    """Where the lines of a text start and end, found once (a flattened page is one long line)."""

    def __init__(self, text: str) -> None:
        self.breaks = [match.start() for match in re.finditer("\n", text)]
        self.size = len(text)

    def start(self, pos: int) -> int:
        """Where the line holding pos starts."""
        i = bisect_left(self.breaks, pos)
        return self.breaks[i - 1] + 1 if i else 0

    def end(self, pos: int) -> int:
        """Where the line holding pos ends (its line break, or the end of the text)."""
        i = bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else self.size


@dataclass
class SectionTree:
    """Top-level sections (preamble first) and the body span each section's own text covers."""

    sections: list[Section] = field(default_factory=list)
    spans: list[tuple[int, int, list[str]]] = field(default_factory=list)

    def path_at(self, offset: int) -> list[str]:
        """The heading path of the section whose own text holds a body offset."""
        for start, end, path in self.spans:
            if start <= offset < end:
                return path
        return []


def build_sections(body: str) -> SectionTree:
    """The section tree of a body (title and header already removed)."""
    markers = find_markers(body)
    tree = SectionTree()
    first = markers[0].start if markers else len(body)
    preamble = _join_lines(body[:first])
    if preamble:
        tree.sections.append(Section(number="", heading="", level=0, path=[], text=preamble))
        tree.spans.append((0, first, []))
    levels = {kind: i + 1 for i, kind in enumerate(k for k in RANKS if any(m.kind == k for m in markers))}
    stack: list[tuple[int, Section]] = []
    for marker, nxt in zip(markers, [*markers[1:], None][: len(markers)], strict=True):
        end = nxt.start if nxt else len(body)
        heading, text = _split_heading(marker, body[marker.end : end])
        rank = RANKS.index(marker.kind)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        label = _label(marker, heading)
        section = Section(
            number=_number(marker),
            heading=heading,
            level=levels[marker.kind],
            path=[*(parent.path if parent else []), label],
            text=text,
        )
        (parent.children if parent else tree.sections).append(section)
        tree.spans.append((marker.start, end, section.path))
        stack.append((rank, section))
    return tree


def find_markers(body: str) -> list[Marker]:
    """The sound heading markers of a body, in order."""
    folded = fold(body)
    lines = _Lines(folded)
    candidates = [
        m for m in (_candidate(hit, folded, body, lines) for hit in _CANDIDATE.finditer(folded)) if m
    ]
    accepted: list[Marker] = []
    last: dict[str, int] = dict.fromkeys(RANKS, 0)
    for i, marker in enumerate(candidates):
        if not _sound(marker, folded, lines, last, (candidates, i + 1)):
            continue
        accepted.append(marker)
        last[marker.kind] = marker.value
        for lower in RANKS[RANKS.index(marker.kind) + 1 :]:
            last[lower] = 0
    return accepted


def _candidate(match: re.Match[str], folded: str, body: str, lines: _Lines) -> Marker | None:
    kind = next(k for k in ("md", "law", "pcn", "cn", "pnum", "num") if match[k] is not None)
    number: int | None = 0
    if kind == "law":
        kind, number = match["lawk"], cn_to_int(match["lawn"])
    elif kind in ("pcn", "cn"):
        number = cn_to_int(match[kind + "n"])
    elif kind in ("pnum", "num"):
        number = int(match[kind + "n"])
    if number is None:
        return None
    end = match.end()
    while end < len(folded) and folded[end] in _BLANKS:
        end += 1
    start = lines.start(match.start())
    line_start = _LINE_PREFIX.fullmatch(folded, start, match.start()) is not None
    printed = body[match.start() : match.end()].strip()
    if not line_start or kind == "md":
        start = match.start()  # else the heading's line, "##" and indent included, is its start
    return Marker(start, match.start(), end, kind, number, printed, line_start)


def _sound(
    marker: Marker, folded: str, lines: _Lines, last: dict[str, int], rest: tuple[list[Marker], int]
) -> bool:
    """Whether a candidate marker is a heading here (see the module docstring)."""
    line_end = lines.end(marker.end)
    if marker.end >= line_end:
        return False  # nothing follows on its line: a table cell or a stray number
    if marker.kind == "md":
        return marker.line_start and not _starts_law(folded[marker.end : marker.end + 12])
    if _first_char_of_line(folded, lines.start(marker.at), marker.at) == "|":
        return False  # a markdown table row
    moves_on = marker.value > last[marker.kind] or marker.value == 1
    if marker.kind in _LAW_KINDS:
        law_heading = folded[marker.end] != "第" and _follows_law_marker(folded, marker)
        return marker.line_start and moves_on and law_heading
    if marker.line_start:
        row = line_end - marker.end < _MAX_ROW and _ROW_OF_FIGURES.search(folded, marker.end, line_end)
        return moves_on and not row and not _list_item(marker, folded, lines)
    return marker.value == last[marker.kind] + 1 and _inline_ok(marker, folded, rest)


def _list_item(marker: Marker, folded: str, lines: _Lines) -> bool:
    """A line opening an enumeration that a previous line introduces ("…包括下列内容：")."""
    if marker.kind in _LAW_KINDS or marker.kind == "md":
        return False
    item = folded[marker.end : lines.end(marker.end)].rstrip(_BLANKS)
    if "。" in item[:-1]:
        return False  # "1、主动公开。正阳街道…。": a run-in heading and its paragraph, not one item
    previous = _previous_line(folded, lines, marker.at).rstrip(_BLANKS)
    if previous.endswith(("：", ":")):
        return True
    # Later items follow an item that ends in "；" and opens with the same kind of marker.
    opening = _CANDIDATE.match(previous.lstrip(_BLANKS))
    return previous.endswith(("；", ";")) and opening is not None and opening[marker.kind] is not None


def _previous_line(folded: str, lines: _Lines, pos: int) -> str:
    """The last non-blank line before the line holding pos."""
    start = lines.start(pos)
    while start > 0:
        end = start - 1
        start = lines.start(end)
        if folded[start:end].strip(_BLANKS):
            return folded[start:end]
    return ""


def _first_char_of_line(folded: str, start: int, pos: int) -> str:
    match = _LEADING_BLANKS.match(folded, start, pos)
    return folded[match.end() : match.end() + 1] if match else ""


def _char_before(folded: str, pos: int) -> str:
    """The last character before pos that is not a blank; "" at the start."""
    while pos > 0 and folded[pos - 1] in _BLANKS:
        pos -= 1
    return folded[pos - 1] if pos > 0 else ""


def _starts_law(text: str) -> bool:
    return bool(re.match(rf"\s*第[{_CN_BIG}]{{1,6}}[编章节条]", text))


def _follows_law_marker(folded: str, marker: Marker) -> bool:
    """第X条 is a heading when a space or the text follows, not another reference."""
    after = folded[marker.at + len(marker.printed) : marker.at + len(marker.printed) + 1]
    return after == "" or after in _BLANKS + "\n" or marker.kind != "条"


def _inline_ok(marker: Marker, folded: str, rest: tuple[list[Marker], int]) -> bool:
    """An inline marker is no list item and no part of a word or a reference."""
    prev = _char_before(folded, marker.at)
    if prev and (prev in _LIST_SEPARATORS or prev in "第条款项"):
        return False
    if marker.kind == "cn" and "\u4e00" <= prev <= "\u9fff":
        return False  # 统一、 唯一、 之一、
    if marker.kind == "num" and ((prev.isascii() and prev.isalnum()) or prev in ".-"):
        return False
    candidates, after = rest
    rank = RANKS.index(marker.kind)
    nxt = next((m for m in islice(candidates, after, None) if RANKS.index(m.kind) <= rank), None)
    item = folded[marker.end : nxt.start if nxt else len(folded)].rstrip()
    return not item.endswith(tuple(_LIST_SEPARATORS[:4]))


def _split_heading(marker: Marker, content: str) -> tuple[str, str]:
    """A section's heading and its own text."""
    if marker.kind == "条":
        return "", _join_lines(content)
    first, _, rest = content.partition("\n")
    if marker.kind in _LAW_KINDS or marker.kind == "md":
        return first.strip(), _join_lines(rest)
    stop = _STOP.search(first)
    if stop is None and len(first.strip()) <= _MAX_HEADING:
        return first.strip().rstrip("，,、"), _join_lines(rest)
    cut = stop.start() if stop else _MAX_HEADING
    heading = first[:cut].strip()
    if len(heading) > _LONG_CLAUSE and (comma := re.search(r"[，,]", heading)) and comma.start() >= 4:
        # A heading run into its first sentence ("收费情况本机关依申请提供政府信息，不收取费用。"):
        # the label is the clause before the comma; the text keeps the whole sentence.
        heading = first[: comma.start()].strip()
        return heading, _join_lines(first + ("\n" + rest if rest else ""))
    remainder = first[cut:].lstrip(" \t\u3000。；;：:！？!?，,")
    return heading, _join_lines(remainder + ("\n" + rest if rest else ""))


def _join_lines(text: str) -> str:
    """Text with its lines trimmed and blank lines dropped."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _number(marker: Marker) -> str:
    """The marker as Section.number shows it: "一", "（一）", "1", "第二十九条"."""
    if marker.kind in ("cn", "num"):
        return re.sub(r"[、.．\s]+$", "", marker.printed)
    return "" if marker.kind == "md" else marker.printed


def _label(marker: Marker, heading: str) -> str:
    """The path entry of a section: marker and heading as printed."""
    if marker.kind == "md":
        return heading
    if marker.kind in _LAW_KINDS:
        return f"{marker.printed} {heading}".strip()
    return marker.printed + heading
