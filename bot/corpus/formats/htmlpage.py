"""HTML pages: paragraphs as lines, labelled metadata as fields, data tables as grids.

Pages saved from disclosure sites carry a metadata block (索引号, 发文机关, 成文日期 ...
as list items or a label/value table, and 来源/时间 spans) above the article; those
go to `fields` and leave the text. Tables with two or more columns of text are data
tables: their cells leave the text and become RawTables, spans resolved. A table
holding other tables, or only one column, is layout and is read as text.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString

from bot.corpus.formats.clean import clean_line, join_fragments, meta_grid, meta_pairs
from bot.corpus.formats.encoding import declared_charset, decode
from bot.corpus.formats.grid import SpanCell, resolve_spans
from bot.corpus.raw import RawDocument, RawTable

_DROP = ("script", "style", "noscript", "nav", "iframe", "template", "svg", "select", "button", "footer")
_BLOCK = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "table",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "blockquote",
        "pre",
        "address",
        "center",
        "form",
        "figure",
        "figcaption",
        "caption",
        "hr",
    ]
)
# Elements that may hold one "label：value" metadata line.
_META_HOLDERS = ("li", "span", "dd", "dt", "div", "font", "em", "strong", "label", "td", "th")
# Metadata printed after this much body text is body, not page metadata.
_BODY_START = 40


def read_html(data: bytes, rel: str) -> RawDocument:
    """An HTML page as a RawDocument."""
    text, encoding = decode(data, rel, declared_charset(data))
    soup = BeautifulSoup(text, "lxml")
    fields: dict[str, str] = {}
    if soup.title and (title := clean_line(soup.title.get_text())):
        fields["<title>"] = title
    for tag in soup.find_all(["head", *_DROP]):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    _lift_metadata(soup, fields)
    walker = _Walker()
    walker.walk(soup.body or soup)
    return RawDocument(
        path=rel, format="html", text=walker.text(), tables=walker.tables, fields=fields, encoding=encoding
    )


def _lift_metadata(soup: BeautifulSoup, fields: dict[str, str]) -> None:
    """Move metadata rows above the body into fields, innermost elements first."""
    order = {id(tag): number for number, tag in enumerate(soup.find_all(True))}
    first_body = next((p for p in soup.find_all("p") if len(p.get_text(strip=True)) >= _BODY_START), None)
    limit = order[id(first_body)] if first_body else len(order)
    for table in soup.find_all("table"):
        if order[id(table)] < limit and (pairs := _meta_table(table)):
            for label, value in pairs.items():
                fields.setdefault(label, value)
            table.decompose()
    candidates = [tag for tag in soup.find_all(_META_HOLDERS) if order.get(id(tag), limit) < limit]
    lone: list[Tag] = []
    for tag in reversed(candidates):
        if tag.decomposed or tag.find(["p", "table", "ul", "ol"]):
            continue
        pairs = meta_pairs(clean_line(tag.get_text(" ")))
        if pairs and not any(pairs.values()):
            # A label alone (<label>索 引 号：</label><div>014742224A/…</div>) is left for the
            # element around it, which holds the value too; one with no value anywhere
            # ("来源：" filled by a script) leaves the text at the end.
            lone.append(tag)
        elif pairs:
            for label, value in pairs.items():
                fields.setdefault(label, value)
            tag.decompose()
    for tag in lone:
        if not tag.decomposed:
            tag.decompose()


def _meta_table(table: Tag) -> dict[str, str] | None:
    """The pairs of a label/value table (索引号 | PZ… | 发文机关 | …), or None for any other table."""
    rows = [
        [clean_line(td.get_text(" ")) for td in tr.find_all(["td", "th"], recursive=False)]
        for tr in table.find_all("tr")
    ]
    if any(len(cells) % 2 for cells in rows):
        return None
    return meta_grid(rows)


class _Walker:
    """Walks the body once, producing text lines and data tables in document order."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.tables: list[RawTable] = []

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                self.current.append(str(child))
            elif isinstance(child, Tag):
                self._tag(child)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines)

    def _tag(self, tag: Tag) -> None:
        if tag.name == "br":
            self._flush()
        elif tag.name == "table" and (rows := _data_table(tag)):
            self._flush()
            caption = self.lines[-1] if self.lines else None
            self.tables.append(RawTable(number=len(self.tables) + 1, rows=rows, caption=caption))
        elif tag.name in _BLOCK:
            self._flush()
            self.walk(tag)
            self._flush()
        else:
            self.walk(tag)

    def _flush(self) -> None:
        line = join_fragments("".join(self.current).splitlines())
        self.current = []
        if line:
            self.lines.append(line)


def _data_table(table: Tag) -> list[list[str | None]] | None:
    """The grid of a data table, or None for a layout table (nested tables, one column)."""
    if table.find("table"):
        return None
    rows = []
    for tr in _own_rows(table):
        cells = [
            SpanCell(_cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan")))
            for td in tr.find_all(["td", "th"], recursive=False)
        ]
        if cells:
            rows.append(cells)
    grid = resolve_spans(rows)
    columns_with_text = {c for row in grid for c, cell in enumerate(row) if cell}
    return grid if len(columns_with_text) >= 2 else None


def _own_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cell_text(td: Tag) -> str:
    """A cell's text: pieces split over <p>, <br> and &nbsp; runs joined into one label."""
    return join_fragments([piece for s in td.find_all(string=True) for piece in str(s).splitlines()])


def _span(value: object) -> int:
    match = re.match(r"\s*(\d+)", value if isinstance(value, str) else "")
    return int(match.group(1)) if match else 1
