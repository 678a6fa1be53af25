"""Closed-loop load on the Bot API emulator: each simulated user asks, waits for the answer, asks again.

`drive()` knows nothing of how the bot runs (a `gongkai serve` process for `make load`,
an in-process Application in the tests): it talks to the emulator as the users, through
telegram-test-api's `POST /sendMessage`, and reads every chat's answers at once through
the shim's long-polling `POST /_bots/<token>/sent`. An answer is complete when the message
carrying its inline buttons arrives (a long answer is split, buttons on the last part).
A question not answered within the reply timeout is lost; its user still waits for that
answer (until the run's deadline) before asking again, so no answer is ever taken for
the next question's.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

FIRST_USER = 10_000_001  # simulated users' ids (and private chat ids) count up from here
_POLL_SECONDS = 1  # how long one read of the bot's messages waits for a new one


@dataclass(frozen=True)
class Plan:
    """How many users ask how many questions, and how long an answer may take."""

    users: int = 200
    messages: int = 10  # per user, each sent once the previous one is answered
    reply_timeout: float = 30.0  # a question without an answer by then is lost
    deadline: float = 300.0  # the whole run; questions not answered by then are lost
    seed: int = 15  # which questions each user draws

    @property
    def total(self) -> int:
        """How many questions the run sends if every one is answered."""
        return self.users * self.messages


@dataclass
class Result:
    """What a run measured: per-answer latency (send to answer), its span, the API calls it cost."""

    plan: Plan
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0  # from the first question sent to the last answer received
    calls: dict[str, int] = field(default_factory=dict)  # Bot API calls made during the run, by method
    late: int = 0  # lost questions answered later, before the deadline
    stray: int = 0  # answers in a chat where nobody was waiting (should stay 0)

    @property
    def answered(self) -> int:
        return len(self.latencies)

    @property
    def lost(self) -> int:
        return self.plan.total - self.answered

    @property
    def throughput(self) -> float:
        """Answers per second over the run."""
        return self.answered / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, share: float) -> float:
        """The latency `share` (0..1) of the answers stayed under (nearest rank); nan without answers."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]

    @property
    def spent(self) -> dict[str, int]:
        """The calls that answered (all but getUpdates, which the limiter does not count)."""
        return {method: n for method, n in self.calls.items() if method != "getUpdates"}

    @property
    def calls_per_answer(self) -> float:
        return sum(self.spent.values()) / self.answered if self.answered else math.nan

    def summary(self) -> str:
        """The figures, one per line, as `make load` prints them."""
        calls = ", ".join(f"{m} {n}" for m, n in sorted(self.spent.items()))
        return "\n".join(
            [
                f"users × messages: {self.plan.users} × {self.plan.messages} = {self.plan.total}",
                f"answered:   {self.answered}",
                f"lost:       {self.lost} (no answer within {self.plan.reply_timeout:g} s)"
                + (f", {self.late} of them answered later" if self.late else "")
                + (f"; {self.stray} answers nobody waited for" if self.stray else ""),
                f"throughput: {self.throughput:.1f} answers/s over {self.seconds:.1f} s",
                f"latency:    p50 {self.percentile(0.5):.2f} s, p95 {self.percentile(0.95):.2f} s,"
                f" max {self.percentile(1.0):.2f} s",
                f"api calls:  {self.calls_per_answer:.2f} per answer ({calls})",
            ]
        )


class _Answers:
    """Reads the bot's messages of every chat and wakes the user waiting in that chat."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self._http = http
        self._token = token
        self._after = 0
        self._waiting: dict[int, asyncio.Future[float]] = {}
        self.stray = 0

    def expect(self, chat: int) -> asyncio.Future[float]:
        """A future set to the time the next complete answer in `chat` arrives."""
        future = asyncio.get_running_loop().create_future()
        self._waiting[chat] = future
        return future

    async def start_after_existing(self) -> None:
        """Skip whatever the bot sent before the run."""
        for message in await self._read(timeout=0):
            self._after = max(self._after, message["message_id"])

    async def watch(self) -> None:
        """Run until cancelled."""
        while True:
            messages = await self._read(timeout=_POLL_SECONDS)
            arrived = time.monotonic()
            for message in messages:
                self._after = max(self._after, message["message_id"])
                if message["keyboard"]:
                    self._arrived(message["chat_id"], arrived)

    def _arrived(self, chat: int, at: float) -> None:
        future = self._waiting.pop(chat, None)
        if future is None or future.done():
            self.stray += 1
        else:
            future.set_result(at)

    async def _read(self, timeout: float) -> list[dict[str, int]]:
        body = {"after": self._after, "timeout": timeout}
        response = await self._http.post(f"/_bots/{self._token}/sent", json=body, timeout=timeout + 10)
        response.raise_for_status()
        return list(response.json()["result"])


async def drive(url: str, token: str, questions: Sequence[str], plan: Plan) -> Result:
    """Run the plan against the bot behind the emulator at `url`; return what was measured."""
    limits = httpx.Limits(max_connections=plan.users + 4, max_keepalive_connections=plan.users + 4)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=plan.reply_timeout) as http:
        answers = _Answers(http, token)
        await answers.start_after_existing()
        before = await _calls(http, token)
        result = Result(plan)
        watcher = asyncio.create_task(answers.watch())
        started = time.monotonic()
        last = [started]
        users = [_user(http, token, n, questions, plan, answers, result, last) for n in range(plan.users)]
        try:
            await asyncio.wait_for(asyncio.gather(*users), plan.deadline)
        except TimeoutError:
            pass  # what was not answered by the deadline counts as lost
        finally:
            watcher.cancel()
        result.seconds = last[0] - started
        result.stray = answers.stray
        after = await _calls(http, token)
        result.calls = {m: n - before.get(m, 0) for m, n in after.items() if n > before.get(m, 0)}
        return result


async def _user(
    http: httpx.AsyncClient,
    token: str,
    number: int,
    questions: Sequence[str],
    plan: Plan,
    answers: _Answers,
    result: Result,
    last: list[float],
) -> None:
    """One simulated citizen: asks `plan.messages` questions, each after the previous answer."""
    chat = FIRST_USER + number
    draw = random.Random(plan.seed * 1_000_003 + number)
    for _ in range(plan.messages):
        answered = answers.expect(chat)
        sent = time.monotonic()
        await _say(http, token, chat, draw.choice(questions))
        waited = time.monotonic() - sent  # the timeout counts from the send, like the latency
        done, _ = await asyncio.wait({answered}, timeout=max(plan.reply_timeout - waited, 0))
        if not done:  # lost; wait for it all the same, so the next question gets its own answer
            await answered
            result.late += 1
            continue
        arrived = answered.result()
        result.latencies.append(arrived - sent)
        last[0] = max(last[0], arrived)


async def _say(http: httpx.AsyncClient, token: str, user: int, text: str) -> None:
    person = {"id": user, "is_bot": False, "first_name": "群众"}
    message = {
        "botToken": token,
        "from": person,
        "chat": {"id": user, "type": "private", "first_name": "群众"},
        "date": int(time.time()),
        "text": text,
    }
    response = await http.post("/sendMessage", json=message)
    response.raise_for_status()


async def _calls(http: httpx.AsyncClient, token: str) -> dict[str, int]:
    response = await http.get(f"/_bots/{token}")
    response.raise_for_status()
    return dict(response.json()["result"]["calls"])
