"""The sweep itself must find what it looks for, or its silence proves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.personal import all_spellings, leaks


@pytest.mark.parametrize("spelling", list(all_spellings()))
def test_the_sweep_finds_every_spelling_of_a_sent_value(tmp_path: Path, spelling: str) -> None:
    (tmp_path / "data.jsonl").write_text(f'{{"question": "我的{spelling}，请问"}}\n', encoding="utf-8")
    assert leaks(tmp_path)


def test_the_sweep_passes_masked_text_and_agency_phones(tmp_path: Path) -> None:
    (tmp_path / "log").write_text("我的身份证******************，热线0533-2270822\n", encoding="utf-8")
    assert leaks(tmp_path) == []
