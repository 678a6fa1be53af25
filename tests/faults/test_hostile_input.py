"""Hostile questions: long runs, broken Unicode, control characters, invalid bytes on stdin.

Failures 5 and 10 of issue 15: `/search` was quadratic in a long run of digits (the
analyzer looked up every substring of a word), `answer()` raised on a lone surrogate,
and `gongkai ask --json -` stopped at the first invalid UTF-8 byte of its input.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.answer
import bot.corpus.cn
import bot.lexicon
import bot.text
import index.analyzer
import index.query
import index.segment
from bot.answer import Answer, answer, search_documents
from bot.lexicon.questions import question_lexicon
from bot.lexicon.words import word_lexicon
from bot.text import MAX_QUESTION_CHARS
from index import open_index
from index.analyzer import GongkaiAnalyzer, domain_words
from index.backend import KnowledgeBase
from index.segment import Segmenter

TODAY = date(2026, 11, 27)

# One unit of each kind of run a hostile question is made of; a run is the unit repeated.
RUNS = {
    "digits": "1",
    "letters": "a",
    "letters and digits": "a1",
    "dotted digits": "1.",
    "hyphenated": "ab1-",
    "one hanzi": "的",
    "hanzi words": "政府信息公开",
    "brackets": "(",
    "mixed": "淮安a1（）〔2024〕号-/",
    "emoji": "😀",
}


@pytest.fixture(scope="module")
def kb(built_index: Path) -> Iterator[KnowledgeBase]:
    knowledge = open_index(built_index)
    yield knowledge
    knowledge.backend.close()


class CountingSegmenter:
    """A segmenter that counts the characters its dictionary look-ups read."""

    def __init__(self, inner: Segmenter) -> None:
        self.inner = inner
        self.read = 0

    def has_word(self, word: str) -> bool:
        self.read += len(word)
        return self.inner.has_word(word)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _lookup_work(engine: str, text: str) -> int:
    analyzer = GongkaiAnalyzer(domain_words(), engine=engine)  # a fresh word cache
    counting = CountingSegmenter(analyzer.segmenter)
    analyzer._segmenter = counting  # type: ignore[assignment]
    analyzer.terms(text)
    return counting.read


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
@pytest.mark.parametrize("run", list(RUNS))
def test_the_analyzers_dictionary_work_grows_linearly_with_a_run(engine: str, run: str) -> None:
    n = 1000
    small, large = (_lookup_work(engine, (RUNS[run] * size)[:size]) for size in (n, 4 * n))
    # Linear work grows 4 times; looking up every substring grew 16 times (and 64 times the reading).
    assert large <= 4.5 * max(small, n), (small, large)


def _median_seconds(call: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _growth(call: Callable[[str], object], unit: str, n: int) -> tuple[float, float]:
    small = _median_seconds(lambda: call((unit * n)[:n]))
    large = _median_seconds(lambda: call((unit * 4 * n)[: 4 * n]))
    return small, large


@pytest.mark.slow
@pytest.mark.parametrize("run", ["digits", "letters", "hyphenated", "one hanzi", "brackets", "mixed"])
def test_search_and_answer_time_grows_linearly_with_a_run(kb: KnowledgeBase, run: str) -> None:
    search_documents(kb, "淮安")  # warm: dictionaries loaded, matchers built
    for call in (
        lambda text: search_documents(kb, text),
        lambda text: answer(kb, text, today=TODAY),
    ):
        small, large = _growth(call, RUNS[run], 1000)
        # 4x the text: about 4x the time when linear, 16x when quadratic; a 10 ms floor for noise.
        assert large < 8 * max(small, 0.01), (run, small, large)
        assert large < 3.0, (run, large)


def _project_patterns() -> dict[str, re.Pattern[str]]:
    """Every module-level pattern of the modules a question passes through, and the lexicons' cues."""
    modules = [bot.text, bot.corpus.cn, index.query, index.analyzer, index.segment]
    for package in (bot.answer, bot.lexicon):
        modules += [
            importlib.import_module(m.name)
            for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        ]
    found = {
        f"{module.__name__}.{name}": value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str)
    }
    cues = _strings_under(question_lexicon().model_dump(), CUE_KEYS) + _strings_under(
        word_lexicon().model_dump(), CUE_KEYS
    )
    return found | {f"lexicon cue {cue!r}": re.compile(cue) for cue in cues}


# What the lexicons match questions with; `value` patterns match document sentences instead.
CUE_KEYS = {"cues", "says", "asks"}


def _strings_under(data: object, keys: set[str], inside: bool = False) -> list[str]:
    if isinstance(data, str):
        return [data] if inside else []
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in _strings_under(value, keys, inside or key in keys)]
    if isinstance(data, list):
        return [s for value in data for s in _strings_under(value, keys, inside)]
    return []


def _fastest(pattern: re.Pattern[str], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _match in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
        if best > 0.2:
            break
    return best


PATTERN_RUNS = [
    "1",
    "a",
    "的",
    "一",
    "十",
    " ",
    "\n",
    "1.",
    "a1-",
    "(",
    "〔",
    "年",
    "号",
    "@",
    "2024年",
    "淮安",
    "局",
]


@pytest.mark.slow
def test_no_pattern_a_question_meets_is_quadratic_in_a_run() -> None:
    slow = []
    for name, pattern in _project_patterns().items():
        for unit in PATTERN_RUNS:
            small = _fastest(pattern, (unit * 1000)[:1000])
            large = _fastest(pattern, (unit * 4000)[:4000])
            if large > 8 * max(small, 0.01):  # linear: ~4x; quadratic: ~16x (a 10 ms floor for noise)
                slow.append((name, unit, round(small, 4), round(large, 4)))
    assert slow == []


def test_a_search_for_four_thousand_digits_takes_well_under_a_second(kb: KnowledgeBase) -> None:
    search_documents(kb, "淮安")
    assert _median_seconds(lambda: search_documents(kb, "1" * 4000)) < 0.5


HOSTILE = [
    "淮安\ud800的邮箱",  # a lone high surrogate
    "\udcff" * 10,  # lone low surrogates (what surrogateescape makes of bad bytes)
    "\ud83d\ude00 张店区热线",  # a surrogate pair left unjoined
    "张店区\x00安监局\x00电话",
    "\x01\x02\x1b[31m淮安\x7f\x9b",
    "\u202e淮安市2024年申请多少件\u202c",
    "\u200f\u200e\u2066平潭\u2069",
    "😀" * 4096,
    "的" * 4096,
    "(" * 4096,
    "1" * 4096,
    "\r\n\t\v\f",
    "",
]


@pytest.mark.parametrize("question", HOSTILE, ids=range(len(HOSTILE)))
def test_answer_never_raises_on_hostile_text(kb: KnowledgeBase, question: str) -> None:
    reply = answer(kb, question, today=TODAY)
    assert isinstance(reply, Answer) and reply.answer
    reply.model_dump_json().encode("utf-8")  # printable and sendable: no surrogate left in it
    search_documents(kb, question).model_dump_json().encode("utf-8")


def _any_text() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(["淮安", "张店区", "2024年", "电话", "多少件", "〔2024〕4号", "\ud800", "\x00"])
    every_code_point = st.characters(exclude_categories=())  # surrogates and controls included
    return st.lists(st.one_of(pieces, st.text(every_code_point, max_size=8)), max_size=12).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=_any_text())
def test_answer_returns_an_answer_for_any_string(kb: KnowledgeBase, question: str) -> None:
    reply = answer(kb, question, today=TODAY)
    assert isinstance(reply, Answer)
    reply.model_dump_json().encode("utf-8")


@pytest.mark.parametrize("limit", [None, 50])
def test_an_over_long_question_gets_a_polite_answer_naming_the_limit(
    kb: KnowledgeBase, limit: int | None
) -> None:
    bound = limit or MAX_QUESTION_CHARS
    reply = answer(kb, "淮安市2024年新收政府信息公开申请多少件" * (bound // 10 + 1), max_chars=limit)
    assert reply.found is False
    assert str(bound) in reply.answer and "上限" in reply.answer
    within = answer(kb, "淮安市2024年新收政府信息公开申请多少件？", max_chars=limit, today=TODAY)
    assert "3119" in within.answer


def _ask_stdin(data: bytes, folder: Path, index: Path, io_encoding: str) -> list[dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "PYTHONIO"))}
    env["PYTHONIOENCODING"] = io_encoding
    env["GONGKAI_DATA_DIR"] = str(folder / "data")
    out, err = folder / "ask.stdout", folder / "ask.stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        run = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "--json", "-", "--index", str(index)],
            input=data, stdout=stdout, stderr=stderr, timeout=120, env=env,
        )  # fmt: skip
    assert run.returncode == 0, err.read_text(encoding="utf-8", errors="replace")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


# Decoded strictly (a UTF-8 locale, PYTHONIOENCODING=utf-8), the first bad byte ended the
# batch; with surrogateescape (the C locale's default) the line's answer was an apology.
@pytest.mark.parametrize("io_encoding", ["utf-8:strict", "utf-8:surrogateescape"])
def test_ask_json_answers_every_line_after_an_invalid_byte(
    fault_dir: Path, built_index: Path, io_encoding: str
) -> None:
    lines: Sequence[bytes] = [
        "张店区安监局的热线电话是多少？".encode(),
        "淮安".encode() + b"\xff" + "的邮箱".encode(),  # a byte no UTF-8 text holds
        "淮安市2024年新收政府信息公开申请多少件？\x00".encode() + b"\xe6\xb7",  # a character cut short
        "平潭公安局".encode() + b"\xed\xa0\x80" + "的电话".encode(),  # an encoded surrogate
    ]
    replies = _ask_stdin(b"\n".join(lines) + b"\n", fault_dir, built_index, io_encoding)
    assert len(replies) == 4
    assert "2270822" in replies[0]["answer"]
    assert "hazwgkc@163.com" in replies[1]["answer"]
    assert "3119" in replies[2]["answer"]
    assert "62561036" in replies[3]["answer"]
