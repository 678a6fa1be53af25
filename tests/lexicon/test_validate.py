"""Every data file is checked by its own loader; a broken copy is named with the entry at fault."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.commands import check
from bot.lexicon.validate import FILES, check_files


def test_the_shipped_files_are_valid() -> None:
    checks = check_files()
    assert [c.name.rsplit("/", 1)[1] for c in checks] == [path.name for path, _ in FILES]
    assert all(c.ok for c in checks), [c.error for c in checks if not c.ok]


# (file, what is broken in the copy, words the error must contain)
TWICE = '\n[[label]]\nkey = "x"\nprinted = ["索引号"]\nexamples = ["索引号：1"]\n'
BREAKAGES = [
    ("questions.toml", lambda text: text + "\n[intents.nonsense\n", "questions.toml"),
    ("words.toml", lambda text: text.replace("says = [", 'says = ["(", ', 1), "not a valid pattern"),
    ("organs.toml", lambda text: text.replace("suffixes", "suffixs", 1), "suffixes"),
    ("places.tsv", lambda text: text + "999999\t\t3\t无名县\n", "places.tsv: line"),
    ("template.toml", lambda text: text.replace("[[identities]]", "[[identities]]\nbogus = 1", 1), "bogus"),
    ("labels.toml", lambda text: text + TWICE, "索引号"),
    ("abbreviations.toml", lambda text: text.replace("connectors", "connector", 1), "connectors"),
]


@pytest.mark.parametrize(("name", "breaks", "says"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_a_broken_copy_is_named(tmp_path: Path, name: str, breaks, says: str) -> None:
    path, load = next((p, load) for p, load in FILES if p.name == name)
    copy = tmp_path / name
    shutil.copy(path, copy)
    assert check_files(((copy, load),))[0].ok  # the copy itself is fine
    copy.write_text(breaks(copy.read_text(encoding="utf-8")), encoding="utf-8")
    [result] = check_files(((copy, load),))
    assert not result.ok
    assert says in (result.error or "")


def test_check_stops_before_the_corpus_when_a_file_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    path, load = next((p, load) for p, load in FILES if p.name == "words.toml")
    copy = tmp_path / path.name
    copy.write_text("stopwords = [\n", encoding="utf-8")
    monkeypatch.setattr(check, "check_files", lambda: check_files(((copy, load),)))
    assert main(["check", str(corpus_dir)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  " in out and "words.toml" in out
    assert "loaded" not in out  # no document was read
    assert main(["check", str(corpus_dir), "--json"]) == 1
    [entry] = json.loads(capsys.readouterr().out)["lexicon"]
    assert entry["ok"] is False and "words.toml" in entry["error"]
