"""HTML pages: paragraphs as lines, labelled metadata as fields, data tables as grids.

Pages saved from disclosure sites carry a metadata block (索引号, 发文机关, 成文日期 ...
as list items or a label/value table, and 来源/时间 spans) above the article; those
go to `fields` and leave the text. Tables with two or more columns of text are data
tables: their cells leave the text and become RawTables, spans resolved. A table
holding other tables, or only one column, is layout and is read as text.

Nesting is measured by a streaming pass of lxml's own parser before the tree is built:
a page nested deeper than MAX_HTML_DEPTH is refused at once, with the reason. Below it
the body is walked with an explicit stack, never recursion, and every step that looks
at an element's subtree costs at most the page's size times that depth.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement
from lxml import etree

from bot.corpus.formats.clean import clean_line, join_fragments, meta_grid, meta_pairs
from bot.corpus.formats.encoding import declared_charset, decode
from bot.corpus.formats.grid import SpanCell, resolve_spans
from bot.corpus.raw import RawDocument, RawTable
from bot.errors import DocumentError

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
# A metadata line never holds one of these; an element that does is not one.
_TEXT_BLOCKS = frozenset(["p", "table", "ul", "ol"])
# Metadata printed after this much body text is body, not page metadata.
_BODY_START = 40
# Deeper pages are refused. Saved disclosure pages nest under 20 levels (the corpus's
# deepest: 17); a page ten times deeper than any real one is generated, not written.
MAX_HTML_DEPTH = 256
_FEED = 1 << 16  # characters handed to the depth gauge at a time


def read_html(data: bytes, rel: str) -> RawDocument:
    """An HTML page as a RawDocument."""
    decoded = decode(data, rel, declared_charset(data))
    text = decoded.text
    _check_depth(text, rel)
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
        path=rel,
        format="html",
        text=walker.text(),
        tables=walker.tables,
        fields=fields,
        encoding=decoded.encoding,
        warnings=decoded.warnings(),
    )


class _TooDeep(Exception):
    """Raised by the depth gauge to stop the parser at the first element past the limit."""


class _DepthGauge:
    """An lxml parser target that only counts open elements."""

    def __init__(self) -> None:
        self.depth = 0

    def start(self, tag: str, attrib: object) -> None:
        self.depth += 1
        if self.depth > MAX_HTML_DEPTH:
            raise _TooDeep

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


def _check_depth(text: str, rel: str) -> None:
    """Refuse a page nested deeper than MAX_HTML_DEPTH, reading it once as a stream."""
    parser = etree.HTMLParser(target=_DepthGauge())
    try:
        for start in range(0, len(text), _FEED):
            parser.feed(text[start : start + _FEED])
        parser.close()
    except _TooDeep:
        raise DocumentError(rel, f"HTML nested deeper than {MAX_HTML_DEPTH} levels: refused") from None
    except etree.LxmlError:
        pass  # what the gauge cannot parse, BeautifulSoup's recovering parse still reads


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
    gone: set[int] = set()  # removed elements (bs4's own `decomposed` searches the subtree)
    holders = _holding_blocks(soup)
    for tag in reversed(candidates):
        if id(tag) in gone or id(tag) in holders:
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
            _remove(tag, gone)
    for tag in lone:
        if id(tag) not in gone:
            _remove(tag, gone)


def _holding_blocks(soup: BeautifulSoup) -> set[int]:
    """Elements with a paragraph, table or list inside, in one pass from the innermost out."""
    holders: set[int] = set()
    for tag in reversed(soup.find_all(True)):
        if (tag.name in _TEXT_BLOCKS or id(tag) in holders) and tag.parent is not None:
            holders.add(id(tag.parent))
    return holders


def _remove(tag: Tag, gone: set[int]) -> None:
    """Decompose tag, remembering it and everything in it as gone."""
    gone.add(id(tag))
    gone.update(id(inner) for inner in tag.find_all(True))
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
        """Visit node's descendants in document order, with a stack instead of recursion."""
        stack: list[PageElement | None] = list(reversed(node.contents))  # None: end of a block
        while stack:
            item = stack.pop()
            if item is None:
                self._flush()
            elif isinstance(item, NavigableString):
                self.current.append(str(item))
            elif isinstance(item, Tag):
                stack += self._tag(item)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines)

    def _tag(self, tag: Tag) -> list[PageElement | None]:
        """Handle one element; return what to visit next, last first (a stack)."""
        if tag.name == "br":
            self._flush()
            return []
        if tag.name == "table" and (rows := _data_table(tag)):
            self._flush()
            caption = self.lines[-1] if self.lines else None
            self.tables.append(RawTable(number=len(self.tables) + 1, rows=rows, caption=caption))
            return []
        children: list[PageElement | None] = list(reversed(tag.contents))
        if tag.name in _BLOCK:
            self._flush()
            return [None, *children]
        return children

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
