"""`make load`: the real bot under 200 simulated users on the Bot API emulator, on 127.0.0.1.

Usage:

    make load                                   # 200 users × 10 questions
    make load LOAD_ARGS="--users 20 --messages 5"

Builds the index of the bundled corpus (once, into var/load/index), starts the emulator
(tests/emulator, `make emulator`) and `gongkai serve` pointed at it (the production bot:
real index, real answer engine, its rate limiter at the Bot API's 30 calls/s), lets every
user ask questions from tests/eval one after another, each once the previous one is
answered, and prints answered, lost, throughput, latency p50/p95 and the CPU spent.
Exits 1 when a question was lost or the throughput or p95 miss their targets.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from telegram.constants import FloodLimit

from tests.load.driver import Plan, Result, drive
from tests.telegram.e2e.emulator import running_emulator

REPO = Path(__file__).resolve().parents[2]
QUESTION_SETS = [REPO / "tests" / "eval" / name for name in ("wordings.jsonl", "holdout.jsonl")]
TOKEN = "8150001:load-test-token"
_START_SECONDS = 120  # for the bot to open the index and start polling


def questions() -> list[str]:
    """Citizens' questions over the bundled corpus: the eval sets' `q`, answerable or not."""
    lines = [line for path in QUESTION_SETS for line in path.read_text(encoding="utf-8").splitlines()]
    return [json.loads(line)["q"] for line in lines if line.strip()]


def build_index(index_dir: Path) -> None:
    """Build the bundled corpus's index unless the one in `index_dir` is up to date."""
    env = {**_clean_env(), "GONGKAI_INDEX_DIR": str(index_dir)}
    subprocess.run([sys.executable, "-m", "bot", "build", "--if-stale"], cwd=REPO, env=env, check=True)


@contextmanager
def serving(url: str, index_dir: Path, folder: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`gongkai serve` (polling) against the emulator, its data and log in `folder`."""
    env = {
        **_clean_env(),
        "GONGKAI_BOT_TOKEN": TOKEN,
        "GONGKAI_TELEGRAM_API_URL": url,
        "GONGKAI_INDEX_DIR": str(index_dir.resolve()),
        "GONGKAI_DATA_DIR": str(folder / "data"),
    }
    log = folder / "serve.log"
    with log.open("w", encoding="utf-8") as out:  # cwd `folder`: no stray .env is read
        process = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=folder, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)  # fmt: skip
    try:
        _wait_until_polling(url, process, log)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def _wait_until_polling(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"gongkai serve exited ({process.returncode}):\n{log.read_text(encoding='utf-8')}"
            )
        state = httpx.get(f"{url}/_bots/{TOKEN}", timeout=10).json()["result"]
        if state["commands"] and state["getUpdatesCalls"]:
            return
        time.sleep(0.2)
    raise RuntimeError(f"gongkai serve did not start polling within {_START_SECONDS} s; see {log}")


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}


@dataclass
class Costs:
    """What the run cost the machine: CPU seconds of the bot and of the driver, the load average."""

    bot: float | None = None  # None where /proc cannot tell
    driver: float = 0.0
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and at the end

    def summary(self, answered: int) -> str:
        per = f", {self.bot / answered * 1000:.1f} ms per answer" if self.bot is not None and answered else ""
        bot = f"bot {self.bot:.1f} s{per}" if self.bot is not None else "bot unknown"
        load = f"load average {self.load[0]:.1f} → {self.load[1]:.1f} on {os.cpu_count()} CPUs"
        return f"cpu:        {bot}; driver {self.driver:.1f} s; {load}"


def run(plan: Plan, index_dir: Path) -> tuple[Result, Costs]:
    """Build, start the emulator and the bot, drive the plan; return the measurements."""
    build_index(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="run-", dir=index_dir.parent) as folder,
        running_emulator() as url,
        serving(url, index_dir, Path(folder)) as bot,
    ):
        costs = Costs(load=(os.getloadavg()[0], 0.0))
        bot_before, driver_before = _cpu_seconds(bot.pid), time.process_time()
        result = asyncio.run(drive(url, TOKEN, questions(), plan))
        bot_after, costs.driver = _cpu_seconds(bot.pid), time.process_time() - driver_before
        if bot_before is not None and bot_after is not None:
            costs.bot = bot_after - bot_before
        costs.load = (costs.load[0], os.getloadavg()[0])
        return result, costs


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process, from /proc (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def misses(result: Result, min_throughput: float, max_p95: float) -> list[str]:
    """What the run failed of its targets; empty when it met them all."""
    found = []
    if result.lost:
        found.append(f"{result.lost} questions lost")
    if result.throughput < min_throughput:
        found.append(f"throughput {result.throughput:.1f} < {min_throughput:g} answers/s")
    if not result.percentile(0.95) < max_p95:
        found.append(f"p95 {result.percentile(0.95):.2f} s ≥ {max_p95:g} s")
    return found


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run, print the figures; 1 if a target was missed."""
    parser = argparse.ArgumentParser(prog="make load", description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=Plan.users)
    parser.add_argument("--messages", type=int, default=Plan.messages, help="questions per user")
    parser.add_argument(
        "--reply-timeout", type=float, default=Plan.reply_timeout, help="seconds; later is lost"
    )
    parser.add_argument("--deadline", type=float, default=Plan.deadline, help="seconds for the whole run")
    parser.add_argument("--index", type=Path, default=REPO / "var" / "load" / "index")
    parser.add_argument("--min-throughput", type=float, default=25.0, help="answers/s")
    parser.add_argument("--max-p95", type=float, default=10.0, help="seconds")
    args = parser.parse_args(argv)
    plan = Plan(args.users, args.messages, args.reply_timeout, args.deadline)
    result, costs = run(plan, args.index)
    print(f"rate limit: {FloodLimit.MESSAGES_PER_SECOND} calls/s (the bot's FairRateLimiter)")
    print(result.summary())
    print(costs.summary(result.answered))
    found = misses(result, args.min_throughput, args.max_p95)
    for miss in found:
        print(f"MISSED: {miss}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
