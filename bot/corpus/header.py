"""Split a document into its header (labelled fields, title) and its body.

Web pages and their text dumps open with labelled metadata in several layouts:

    标题: 平潭综合实验区政府信息公开指南          label, colon, value
    索 引 号： PZ00101-1700-2023-00059            spaced label, full-width colon
    来源:区人民政府办公室 时间:2017-01-12 10:01    two labels on one line
    索引号 620702074/2024-00047 发文字号 …         labels without colons
    发文机关：                                    label, value on the next line
    平潭综合实验区自然资源与生态环境局
    发布机构:中原区审计局 | 发布日期:2023-01-10 |   pipe rows

Only known labels (bot/corpus/labels.toml) count, no value runs longer than a label's
value can (a page flattened onto one line after "当前位置：" is body), and only before
the body starts, so a sentence such as "受理机构：…" in a guide stays body text.
Fields the format reader found
(`RawDocument.fields`) win over fields read from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from bot.corpus.formats.clean import MAX_META_VALUE
from bot.corpus.labels import label_key, label_keys
from bot.corpus.raw import RawDocument
from bot.corpus.titles import compact, find_title

_SEPARATOR = re.compile(r"^[=＝\-—_*]{3,}.*[=＝\-—_*]{3,}$|^[=＝\-—_*]{5,}$")
DOC_NO_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号$")
_LOOKAHEAD = 8
_MAX_VALUE = 120
_PIPES = re.compile(r"\s*[|｜]\s*")
_SENTENCE = re.compile(r"[。，；！？]|[：:]$")  # a paragraph, not the value of a lone label


_BULLET = re.compile(r"^[•·●■▪◆▶►\-*]\s*")
_CRUMB = re.compile(r"\s*[>＞›»]\s*")  # 首页 > 政务公开 > 信息浏览
_BANNER_MAX = 20


@cache
def _alternatives() -> str:
    printed = sorted(label_keys(), key=len, reverse=True)
    return "|".join(r"\s*".join(map(re.escape, label)) for label in printed)


@cache
def _colon_label() -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=\s))({_alternatives()})\s*[:：]")


@cache
def _spaced_label() -> re.Pattern[str]:
    """A label stretched with spaces and standing as a word: "索 引 号 1132…", "文  号"."""
    return re.compile(rf"(?:^|(?<=\s))({_alternatives()})(?=\s|[:：]|$)")


@cache
def _glued_label() -> re.Pattern[str]:
    """A label glued to the end of the value before it: "…管理办法的通知发文机关"."""
    printed = sorted((p for p in label_keys() if len(p) >= 3), key=len, reverse=True)
    return re.compile(rf"^(.+?)({'|'.join(map(re.escape, printed))})$")


@dataclass
class Header:
    """What stands before the body: labelled fields, the title, document numbers."""

    fields: dict[str, str] = field(default_factory=dict)
    title: str | None = None  # the title block of the text, lines joined
    doc_nos: list[str] = field(default_factory=list)  # lines that are only a 文号
    body: str = ""  # the text after the header


def canonical_label(label: str) -> str | None:
    """The key of a printed label ("索 引 号" -> "索引号", "生成日期" -> "成文日期"), None if unknown."""
    return "<title>" if label == "<title>" else label_key(label)


def parse_label_line(line: str) -> dict[str, str] | None:
    """The labelled values of one header line, or None when it is not a label line.

    Pipes separate the pairs of a row ("发布机构:中原区审计局 | 发布日期:2023-01-10 |")
    and the cells of a markdown row ("| 索引号 | 000014349/2018-00213 |").
    """
    line = _tidy(line)
    matches = list(_colon_label().finditer(line))
    if matches and matches[0].start() == 0:
        values = {}
        for match, nxt in zip(matches, [*matches[1:], None][: len(matches)], strict=True):
            end = nxt.start() if nxt else len(line)
            key = canonical_label(match[1])
            if key and key not in values:
                values[key] = line[match.end() : end].strip()
        return values if all(len(v) <= MAX_META_VALUE for v in values.values()) else None
    return _parse_spaced_labels(line)


def _tidy(line: str) -> str:
    """A header line without list bullets and pipes, its stretched labels closed up."""
    line = _BULLET.sub("", _PIPES.sub(" ", line).strip())
    return _spaced_label().sub(lambda m: re.sub(r"\s+", "", m[1]), line)


def _parse_spaced_labels(line: str) -> dict[str, str] | None:
    """Labels separated from their values by spaces only: "索引号 620702074/2024-00047 …",
    and a label alone on its line ("发文字号"), whose value is on the next."""
    tokens = line.split()
    if not tokens or canonical_label(tokens[0]) is None:
        return None
    values: dict[str, str] = {}
    key, words = canonical_label(tokens[0]) or "", list[str]()
    for token in tokens[1:]:
        if (next_key := canonical_label(token)) is not None:
            values.setdefault(key, " ".join(words))
            key, words = next_key, []
        else:
            words.append(token)
    values.setdefault(key, " ".join(words))
    return values if all(len(v) <= MAX_META_VALUE for v in values.values()) else None


def reader_fields(raw: RawDocument) -> dict[str, str]:
    """The reader's fields under canonical keys, blank values dropped."""
    fields: dict[str, str] = {}
    for label, value in raw.fields.items():
        key = canonical_label(label) or label
        if value.strip():
            fields.setdefault(key, value.strip())
    return fields


def read_header(raw: RawDocument) -> Header:
    """Split a document into its header and its body."""
    header = Header()
    known = {compact(v) for k, v in reader_fields(raw).items() if k in ("标题", "<title>")}
    lines = raw.text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line or _SEPARATOR.match(line):
            i += 1
            continue
        values = parse_label_line(line)
        if values is not None:
            i = _take_values(header, values, lines, i)
            known |= {compact(header.fields[k]) for k in ("标题", "<title>") if k in header.fields}
            continue
        if DOC_NO_LINE.match(line):
            header.doc_nos.append(line)
            i += 1
            continue
        ahead = _non_blank(lines, i)
        repeated = _repeated_title(lines, ahead, known)
        if repeated is not None:
            i = repeated + 1
            continue
        if header.title is None and (found := find_title([lines[j] for j in ahead])):
            last, header.title = found
            known.add(compact(header.title))
            i = ahead[last] + 1
            continue
        if _banner_before_labels(lines, i):
            i += 1
            continue
        break
    header.fields = {k: v for k, v in header.fields.items() if v} | reader_fields(raw)
    header.body = "\n".join(lines[i:])
    return header


def _take_values(header: Header, values: dict[str, str], lines: list[str], i: int) -> int:
    """Record a label line; a lone label takes its value from the next line. Next index."""
    if len(values) == 1 and not next(iter(values.values())):
        ahead = _non_blank(lines, i + 1)
        if ahead and (value := _value_line(lines[ahead[0]], header)) is not None:
            glued = _glued_label().match(value)
            values = {next(iter(values)): glued[1] if glued else value}
            i = ahead[0]
            if glued:  # "…的通知发文机关" / "高青县人民政府办公室": the glued label's value follows
                _record(header, values)
                return _take_values(header, {canonical_label(glued[2]) or glued[2]: ""}, lines, i)
    _record(header, values)
    return i + 1


def _record(header: Header, values: dict[str, str]) -> None:
    for key, value in values.items():
        if value and key not in header.fields:
            header.fields[key] = value


def _value_line(line: str, header: Header) -> str | None:
    """A line that can be a lone label's value: short, no label of its own, no sentence,
    not the title printed under the block ("时效说明" left blank, then the title)."""
    line = line.strip()
    if parse_label_line(line) is not None or len(line) > _MAX_VALUE or _SENTENCE.search(line):
        return None
    titles = {compact(t) for t in (header.title, header.fields.get("标题")) if t}
    return None if compact(line) in titles else line


def _banner_before_labels(lines: list[str], i: int) -> bool:
    """A breadcrumb ("首页 > … > 信息浏览"), or a site banner ("信息公开") above a metadata block."""
    line = lines[i].strip()
    if len(_CRUMB.findall(line)) >= 2 and len(line) <= _MAX_VALUE and not _SENTENCE.search(line):
        return True
    if len(line) > _BANNER_MAX or _SENTENCE.search(line):
        return False
    return any(parse_label_line(lines[j]) is not None for j in _non_blank(lines, i + 1)[:2])


def _non_blank(lines: list[str], start: int) -> list[int]:
    """Indexes of the next few non-blank lines."""
    found: list[int] = []
    for j in range(start, len(lines)):
        if lines[j].strip():
            found.append(j)
            if len(found) == _LOOKAHEAD:
                break
    return found


def _repeated_title(lines: list[str], ahead: list[int], known: set[str]) -> int | None:
    """The last index of a title printed again (on one or two lines), if it is one."""
    if not ahead or not known:
        return None
    first = compact(lines[ahead[0]])
    if first in known:
        return ahead[0]
    if len(ahead) > 1 and first + compact(lines[ahead[1]]) in known:
        return ahead[1]
    return None
