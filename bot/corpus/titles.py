"""Tell a document's title from the first lines of its text.

Titles are often split over two lines ("张店区应急管理局2017年度政府信息" / "公开年报",
"淮安市人民政府" / "2024 年政府信息公开工作年度报告") and sometimes preceded by a site
label ("政府信息公开") or a short banner. A title ends with the word that names the kind
of document (报告, 指南, 通知, 条例 ...), holds no sentence punctuation, and does not start
the way a body paragraph starts (根据, 为了, 本报告 ...).
"""

from __future__ import annotations

import re

from bot.text import to_halfwidth

TITLE_END = re.compile(
    r"(?:报告|年报|指南|通知|条例|规定|决定|办法|函|通告|公告|意见|方案|标准|机构|清单|目录|模板|格式"
    r"|细则|批复|请示|纪要|公报|规则|解释|须知|规划|计划|要点|总结|答复|复函)$"
)
_REPORT_END = re.compile(r"(?:报告|年报)$")
_TRAILING_NOTES = re.compile(r"(?:[（(][^（）()]*[)）])+$")
_EDITION = re.compile(r"^[（(][^（）()]{1,15}[)）]$")
_BODY_START = re.compile(r"^(?:根据|为了|为|本报告|本年度报告|按照|依据|现将|经|我局|我区|我市)")
_SENTENCE = re.compile(r"[。；;！？!?，,：:]")
_MARKER_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第.{1,6}[章条节])"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MARKDOWN = re.compile(r"^#+\s*")
_SPACES = re.compile(r"\s+")
# Spaces a PDF puts between digits and Chinese: "2024 年" -> "2024年".
_PDF_GAP = re.compile(r"(?<=[\d\u4e00-\u9fff])[ \t]+(?=[\d\u4e00-\u9fff])")

MAX_NOISE_LINES = 3


def tidy_title(line: str) -> str:
    """A title line without markdown marks and layout spaces."""
    return _PDF_GAP.sub("", _MARKDOWN.sub("", line.strip())).strip()


def compact(text: str) -> str:
    """A comparison key: half-width, no spaces, no markdown marks."""
    return _SPACES.sub("", to_halfwidth(_MARKDOWN.sub("", text.strip())))


def is_title(line: str) -> bool:
    """Whether a line reads as a whole title (it may still lack its first half)."""
    text = tidy_title(line)
    core = _TRAILING_NOTES.sub("", text)
    return (
        4 <= len(text) <= 120
        and bool(TITLE_END.search(core))
        and not _SENTENCE.search(core)
        and not _MARKER_START.match(text)
        and not _BODY_START.match(text)
        and not text.startswith("|")
    )


def _is_complete(line: str) -> bool:
    """A title that names its subject: not a second half like "公开年报" or "2024 年...报告"."""
    text = tidy_title(line)
    core = _TRAILING_NOTES.sub("", text)
    if len(core) < 8 or text[0].isdigit():
        return False
    return not _REPORT_END.search(core) or bool(_YEAR.search(core))


def _is_noise(line: str) -> bool:
    """A short banner before the title ("政府信息公开", "正阳街道")."""
    text = tidy_title(line)
    return (
        len(text) <= 20
        and not _SENTENCE.search(text)
        and not _MARKER_START.match(text)
        and not _BODY_START.match(text)
        and not text.startswith("|")
    )


def find_title(lines: list[str]) -> tuple[int, str] | None:
    """Among the first non-blank lines, the title and the index of its last line."""
    for k, line in enumerate(lines[: MAX_NOISE_LINES + 1]):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if is_title(line):
            return _with_edition(lines, k, tidy_title(line))
        if nxt and is_title(nxt) and not _is_complete(nxt) and _may_start_title(line):
            return _with_edition(lines, k + 1, tidy_title(line) + tidy_title(nxt))
        if not _is_noise(line):
            return None
    return None


def _may_start_title(line: str) -> bool:
    """A first line a title may continue from: no sentence, heading or body opening."""
    text = tidy_title(line)
    return not _SENTENCE.search(text) and not _MARKER_START.match(text) and not _BODY_START.match(text)


def _with_edition(lines: list[str], last: int, title: str) -> tuple[int, str]:
    """Append an edition line such as "(2021年版)" printed under the title."""
    if last + 1 < len(lines) and _EDITION.match(tidy_title(lines[last + 1])):
        return last + 1, title + tidy_title(lines[last + 1])
    return last, title


_SITE_SEPARATOR = re.compile(r"\s*[|｜_]\s*|\s+[-—–]\s+")


def page_title(embedded: str) -> str:
    """A web page's <title> without the site's name: "X | 万载县人民政府", "X_中国宜春" -> X."""
    parts = [part.strip() for part in _SITE_SEPARATOR.split(embedded) if part.strip()]
    if len(parts) < 2:
        return embedded.strip()
    titled = [part for part in parts if is_title(part)]
    return titled[0] if titled else max(parts, key=len)


_TITLE_IN_TEXT = re.compile(
    r"《?([^《》。，,；;：:\s]{2,60}?(?:19|20)\d{2}\s*年度?政府信息公开工作年度报告)》?"
)
_LEADING_VERBS = re.compile(r"^(?:现公布|现将|公布|编制|发布|特?制定)")


def title_in_text(text: str) -> str | None:
    """A report title named in the opening paragraph ("编制《…2023年度政府信息公开工作年度报告》")."""
    for match in _TITLE_IN_TEXT.finditer(text[:400]):
        if not re.search(r"关于|做好|通知", match[1]):  # the title of a circular it cites, not its own
            return _LEADING_VERBS.sub("", match[1])
    return None
