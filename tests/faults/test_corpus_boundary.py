"""Failures 6, 7, 8 and 13 of issue 15: what the corpus loader reads, how long it takes, what it prints.

6. a .docx zip bomb is refused from its zip directory, and files are sized before they are read;
7. nothing outside the corpus folder is read: links that leave it, loop or lead nowhere are named;
8. deeply nested HTML is refused quickly past a documented depth, read without recursion below it;
13. file names are printed escaped; a few bad bytes are replaced with a warning; terminal drafts
    go to the data folder, never into the folder the chat was started in.

Corpora, index and data folders live under `fault_dir`; commands run as real processes.
"""

from __future__ import annotations

import inspect
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.channels.drafting import DOCX_NAME
from bot.corpus import load_corpus
from bot.corpus.formats import read_document
from bot.corpus.formats.htmlpage import MAX_HTML_DEPTH
from bot.corpus.formats.package import MAX_ENTRIES
from bot.corpus.raw import RawDocument
from bot.display import shown
from bot.errors import DocumentError
from index.store import corpus_fingerprint
from tests.conftest import CORPUS_DIR, REPO
from tests.faults.docx_bombs import bomb_docx, lying_docx, swarm_docx
from tests.faults.personal import EMAILS, ID_NUMBERS, MOBILES

SEED = "seed/zhangdian_ajj_2017_annual_report.txt"
PAGE = "reports/pingtan_2024_annual_report.html"
MEMORY_CAP = 2 << 30  # address space of the command processes: a bomb read whole cannot fit
MARKER = "GONGKAI_BOT_TOKEN=123456:outside-the-corpus"


def gongkai(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run a gongkai command as a process with capped memory; GONGKAI_ settings only from `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**clean, "PYTHONPATH": str(REPO), **(env or {})},
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP)),
        check=False,
    )


def seed_corpus(root: Path) -> Path:
    """A corpus folder holding one real report."""
    (root / "seed").mkdir(parents=True)
    shutil.copy(CORPUS_DIR / SEED, root / SEED)
    return root


def ok_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("ok ")]


# 6. zip bombs and sizes -------------------------------------------------------------------


def test_a_docx_zip_bomb_is_refused_and_the_rest_is_checked(fault_dir: Path) -> None:
    corpus = seed_corpus(fault_dir / "corpus")
    (corpus / "bomb.docx").write_bytes(bomb_docx())
    started = time.perf_counter()
    run = gongkai("check", str(corpus), cwd=fault_dir)
    assert time.perf_counter() - started < 60
    assert run.returncode == 1, run.stderr[-2000:]
    assert "FAIL  bomb.docx: " in run.stdout and "unpacks to" in run.stdout, run.stdout + run.stderr[-2000:]
    assert f"ok    {SEED}" in run.stdout


def test_the_unpacked_size_is_checked_before_anything_is_unpacked(tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        _read_bytes(tmp_path, "bomb.docx", bomb_docx())
    assert "unpacks to" in caught.value.reason and "1024 MB" in caught.value.reason
    assert time.perf_counter() - started < 5


def test_a_zip_directory_that_lies_about_sizes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        _read_bytes(tmp_path, "lying.docx", lying_docx())
    assert "damaged DOCX" in caught.value.reason


def test_too_many_zip_entries_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        _read_bytes(tmp_path, "swarm.docx", swarm_docx(MAX_ENTRIES))
    assert "entries" in caught.value.reason
    assert _read_bytes(tmp_path, "plain.docx", swarm_docx(20)).text  # a few more parts than usual are fine


def test_a_huge_file_is_sized_before_it_is_read(fault_dir: Path) -> None:
    corpus = seed_corpus(fault_dir / "corpus")
    huge = corpus / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(3 << 30)  # sparse: costs no disk, but more than the process may hold
    try:
        run = gongkai("check", str(corpus), cwd=fault_dir)
    finally:
        huge.unlink()
    assert run.returncode == 1, run.stderr[-2000:]
    assert "FAIL  huge.txt: file too large" in run.stdout, run.stdout + run.stderr[-2000:]
    assert f"ok    {SEED}" in run.stdout


def _read_bytes(folder: Path, name: str, data: bytes) -> RawDocument:
    path = folder / name
    path.write_bytes(data)
    return read_document(path, name)


# 7. the corpus boundary -------------------------------------------------------------------


LINKS = ("passwd.txt", "relative.md", "mirror", "a.txt", "b.txt", "seed/again", "gone.txt", "env.txt")


@pytest.fixture
def linked_corpus(fault_dir: Path) -> Path:
    """A corpus with links of every kind: out of it, in it, looping, dangling, to folders."""
    outside = fault_dir / "outside"
    outside.mkdir()
    (outside / "secret.env").write_text(MARKER + "\n", encoding="utf-8")
    (outside / "reports").mkdir()
    (outside / "reports" / "elsewhere.txt").write_text(
        f"政府信息公开工作年度报告\n{MARKER}\n", encoding="utf-8"
    )
    corpus = seed_corpus(fault_dir / "corpus")
    (corpus / "passwd.txt").symlink_to(outside / "secret.env")
    (corpus / "relative.md").symlink_to(Path("..") / "outside" / "secret.env")
    (corpus / "mirror").symlink_to(outside / "reports", target_is_directory=True)
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    (corpus / "seed" / "again").symlink_to("..", target_is_directory=True)
    (corpus / "gone.txt").symlink_to(corpus / "deleted.txt")
    (corpus / "itself").symlink_to("itself")
    (corpus / ".env").write_text(MARKER + "\n", encoding="utf-8")  # hidden: never part of the corpus
    (corpus / "env.txt").symlink_to(".env")
    (corpus / "copy.txt").symlink_to(Path("seed") / Path(SEED).name)  # inside: read
    return corpus


def test_links_out_of_the_corpus_are_not_read(linked_corpus: Path) -> None:
    loaded = load_corpus(linked_corpus)
    assert sorted(doc.id for doc in loaded.documents) == ["copy.txt", SEED]
    assert all(MARKER not in doc.text for doc in loaded.documents)
    reasons = {failure.path: failure.reason for failure in loaded.failures}
    assert set(reasons) == {*LINKS, "itself"}
    leaving = ("passwd.txt", "relative.md", "mirror")
    assert all("outside the corpus folder" in reasons[name] for name in leaving)
    assert all("loop" in reasons[name] for name in ("a.txt", "b.txt", "seed/again", "itself"))
    assert "leads nowhere" in reasons["gone.txt"] and "hidden" in reasons["env.txt"]


def test_check_names_every_link_it_does_not_follow(linked_corpus: Path, fault_dir: Path) -> None:
    run = gongkai("check", str(linked_corpus), cwd=fault_dir)
    assert run.returncode == 1, run.stderr[-2000:]
    assert MARKER not in run.stdout + run.stderr
    for name in LINKS:
        assert f"FAIL  {name}: " in run.stdout, name
    assert len(ok_lines(run.stdout)) == 3  # the data files, the report and the link to it


def test_the_fingerprint_does_not_look_outside_the_corpus(linked_corpus: Path, fault_dir: Path) -> None:
    before = corpus_fingerprint(linked_corpus)
    (fault_dir / "outside" / "secret.env").write_text(MARKER + " changed\n", encoding="utf-8")
    (fault_dir / "outside" / "reports" / "elsewhere.txt").write_text("changed\n", encoding="utf-8")
    assert corpus_fingerprint(linked_corpus) == before
    (linked_corpus / "seed" / "new.md").write_text("# 新文件\n", encoding="utf-8")
    assert corpus_fingerprint(linked_corpus) != before


def test_a_sidecar_or_agency_file_linked_from_outside_is_not_read(fault_dir: Path) -> None:
    outside = fault_dir / "outside"
    outside.mkdir()
    (outside / "meta.json").write_text('{"title": "外部标题", "year": 1999}', encoding="utf-8")
    (outside / "agencies.toml").write_text('[[agency]]\nname = "外部机关"\n', encoding="utf-8")
    corpus = seed_corpus(fault_dir / "corpus")
    (corpus / "seed" / "zhangdian_ajj_2017_annual_report.meta.json").symlink_to(outside / "meta.json")
    (corpus / "agencies.toml").symlink_to(outside / "agencies.toml")
    loaded = load_corpus(corpus)
    [doc] = loaded.documents
    assert doc.meta.year == 2017 and doc.meta.title != "外部标题"
    assert any("outside the corpus folder" in warning for warning in doc.warnings)
    assert any(f.path == "agencies.toml" and "outside the corpus folder" in f.reason for f in loaded.failures)
    assert "外部机关" not in {agency.name for agency in loaded.agencies.agencies}


# 8. deeply nested HTML --------------------------------------------------------------------


def _nested(levels: int, tag: str = "div") -> bytes:
    inner = "<p>政府信息公开工作年度报告的正文，这一段足够长，可以当作正文的第一段来读。</p>"
    return f"<html><body>{f'<{tag}>' * levels}{inner}{f'</{tag}>' * levels}</body></html>".encode()


@pytest.mark.parametrize("tag", ["div", "span", "table", "font"])
def test_html_nested_ten_thousand_levels_is_refused_quickly(tmp_path: Path, tag: str) -> None:
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        _read_bytes(tmp_path, "deep.html", _nested(10_000, tag))
    took = time.perf_counter() - started
    assert f"nested deeper than {MAX_HTML_DEPTH} levels" in caught.value.reason
    assert took < 1.0, f"{took:.2f} s"


def test_html_just_under_the_depth_limit_is_read_without_recursion(tmp_path: Path) -> None:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)  # far below the nesting: a recursive walk fails
    try:
        started = time.perf_counter()
        raw = _read_bytes(tmp_path, "deep.html", _nested(MAX_HTML_DEPTH - 10))
    finally:
        sys.setrecursionlimit(old)
    assert "政府信息公开工作年度报告的正文" in raw.text
    assert time.perf_counter() - started < 1.0


# 13. names, bytes and drafts --------------------------------------------------------------

FORGED = [
    "x\nok    forged.txt  report  假机关  2099",
    "y\rok    carriage.txt",
    "z\x1b[2K\x1b[1Gok    ansi.txt",
]


def test_check_prints_file_names_escaped(fault_dir: Path) -> None:
    corpus = seed_corpus(fault_dir / "corpus")
    for name in FORGED:
        shutil.copy(CORPUS_DIR / SEED, corpus / (name + ".txt"))
    os.close(os.open(os.fsencode(corpus) + b"/not-utf8-\xff.txt", os.O_CREAT | os.O_WRONLY, 0o644))
    run = gongkai("check", str(corpus), cwd=fault_dir)
    assert run.returncode == 1, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert len(ok_lines(run.stdout)) == 2  # the data files and the report: no forged line
    assert sum(line.startswith("FAIL  ") for line in lines) == len(FORGED) + 1
    assert "\r" not in run.stdout and "\x1b" not in run.stdout
    assert f"FAIL  {shown(FORGED[0])}.txt: the file name holds control characters" in run.stdout
    assert "FAIL  z\\x1b[2K\\x1b[1Gok    ansi.txt.txt: " in run.stdout
    assert "FAIL  not-utf8-\\xff.txt: " in run.stdout


def test_build_prints_file_names_escaped(fault_dir: Path) -> None:
    corpus = seed_corpus(fault_dir / "corpus")
    for name in FORGED:
        (corpus / (name + ".md")).write_text(" ", encoding="utf-8")
    env = {"GONGKAI_INDEX_DIR": str(fault_dir / "index"), "GONGKAI_DATA_DIR": str(fault_dir / "data")}
    run = gongkai("build", "--corpus", str(corpus), cwd=fault_dir, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    fails = [line for line in run.stderr.splitlines() if line.startswith("FAIL  ")]
    assert len(fails) == len(FORGED) and not any(line.startswith("ok") for line in run.stderr.splitlines())
    assert "\r" not in run.stderr and "\x1b" not in run.stderr
    assert "FAIL  y\\rok    carriage.txt.md: the file name holds control characters" in run.stderr


@pytest.mark.parametrize("bad", [b"\xff", b"\x80\x80\x80", b"\xfe\xff\xc0"])
def test_a_few_bad_bytes_are_replaced_with_a_warning(fault_dir: Path, bad: bytes) -> None:
    corpus = fault_dir / "corpus"
    (corpus / "seed").mkdir(parents=True)
    text = (CORPUS_DIR / SEED).read_text(encoding="utf-8")
    middle = text.index("\n", len(text) // 2)
    (corpus / SEED).write_bytes(text[:middle].encode() + bad + text[middle:].encode())
    (corpus / "gbk.txt").write_bytes(text[:middle].encode("gb18030") + bad + text[middle:].encode("gb18030"))
    page = (CORPUS_DIR / PAGE).read_bytes()
    cut = page.index("不断扩大政策知晓度".encode()) + 6
    (corpus / "page.html").write_bytes(page[:cut] + bad + page[cut:])
    loaded = load_corpus(corpus)
    assert loaded.failures == []
    assert len(loaded.documents) == 3
    for doc in loaded.documents:
        [warning] = [w for w in doc.warnings if "undecodable" in w]
        assert "U+FFFD" in warning and "\ufffd" in doc.text
        encoding = "gb18030" if doc.id == "gbk.txt" else "utf-8"
        assert warning.endswith(f"(read as {encoding})")
        if encoding == "utf-8":
            assert warning.startswith(f"{len(bad)} undecodable byte")
    for rel in (SEED, "gbk.txt"):
        report = next(doc for doc in loaded.documents if doc.id == rel)
        assert report.meta.agency == "张店区应急管理局" and report.statistics


def test_a_mostly_undecodable_file_is_still_refused(tmp_path: Path) -> None:
    data = (CORPUS_DIR / SEED).read_bytes()
    spoiled = bytes(byte if n % 20 else 0xFF for n, byte in enumerate(data))  # one byte in twenty
    with pytest.raises(DocumentError) as caught:
        _read_bytes(tmp_path, "spoiled.txt", spoiled)
    assert "undecodable" in caught.value.reason or "garbled" in caught.value.reason


def test_terminal_drafts_go_to_the_data_folder(built_index: Path, fault_dir: Path) -> None:
    here = fault_dir / "checkout"  # where an operator starts the chat: the repository, say
    here.mkdir()
    data = fault_dir / "data"
    answers = [
        "平潭综合实验区管委会2023年发布的关于规范性文件清理的通知",
        "电子",
        "电子邮件",
        "公民",
        "测试申请人",
    ]
    lines = [
        "/draft 平潭综合实验区管委会办公室",
        *answers,
        "身份证",
        ID_NUMBERS[1],
        MOBILES[0],
        "跳过",
        EMAILS[0],
        "确认",
    ]
    env = {"GONGKAI_INDEX_DIR": str(built_index), "GONGKAI_DATA_DIR": str(data)}
    run = gongkai("chat", cwd=here, env=env, stdin="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr[-2000:]
    saved = data / "drafts" / DOCX_NAME
    try:
        assert f"申请表已保存：{saved}" in run.stdout
        assert saved.is_file() and list(here.iterdir()) == []
    finally:
        saved.unlink(missing_ok=True)  # the citizen's own form: not left for the sweep


def test_the_drafts_folder_inside_a_checkout_is_ignored_by_git() -> None:
    for path in (f"var/data/drafts/{DOCX_NAME}", DOCX_NAME, "政府信息公开申请-2.docx"):
        probe = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=REPO, check=False)
        assert probe.returncode == 0, path
