"""`python -m benchmarks.load` (part of `make bench`): starts the stack on loopback and prints reply
latency (p50/p95/p99) and throughput through /api/chat at 1, 10 and 50 concurrent sessions running
realistic multi-turn conversations, the same load straight to Rasa's REST channel (so the gateway's
overhead is a ratio), RSS of every process, and cold start to first reply.

Load model: each session sends its next message `--interval` seconds after the previous one was sent
(0.8 s by default, far quicker than anyone types), or at once if the reply came later than that. So 50
sessions offer 62.5 messages/s, above the 50/s bar, and latency is what one person would wait. A
saturation row (50 sessions, no pause at all) shows the most the stack can answer per second.
Gateway and Rasa runs alternate (`--rounds`, pooled), so that a slow phase of the machine weighs on both;
a session sends nothing after its run's deadline, so messages/s is over the run's own window.

Bars (DESIGN.md): p95 <= 250 ms and >= 50 messages/s at 50 sessions with no errors; gateway overhead
<= 15 %; whole stack <= 1.6 GB; cold start <= 45 s. Requests go to 127.0.0.1 only, bounded in count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from scripts.stack import children, start_stack, stop

# Realistic journeys (English; the language does not change the engine's work).
CONVERSATIONS: tuple[tuple[str, ...], ...] = (
    ("hello", "/identify_professional", "no", "no", "/ask_sector_signs", "I work in a hotel", "/ask_referral"),
    ("I'm a licensing officer and found men sleeping at a car wash, what now", "no", "no", "what do I record"),
    ("my boss keeps my passport", "yes", "yes", "no", "skip", "yes", "stop"),
    ("help",),
    ("he is hurting me right now",),
    ("is it free to call", "will I be deported", "thanks bye"),
    ("I think my neighbour is being exploited", "who can I call"),
)


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    safety_net: int = 0
    seconds: float = 0.0

    @classmethod
    def pooled(cls, runs: list[Run]) -> Run:
        """Several runs of one target as one: all latencies, errors and seconds together."""
        return cls(
            latencies=[x for run in runs for x in run.latencies],
            errors=sum(run.errors for run in runs),
            safety_net=sum(run.safety_net for run in runs),
            seconds=sum(run.seconds for run in runs),
        )

    def row(self, label: str) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return f"{label:<28}{'no replies':>40}"
        q = statistics.quantiles(lat, n=100, method="inclusive")
        rate = len(lat) / self.seconds if self.seconds else 0.0
        return (
            f"{label:<28}{len(lat):>7}{q[49] * 1000:>9.0f}{q[94] * 1000:>9.0f}{q[98] * 1000:>9.0f}"
            f"{rate:>10.1f}{self.errors:>8}{self.safety_net:>6}"
        )


def overhead(gateway: Run, rasa: Run) -> tuple[float | None, float | None]:
    """Gateway latency over Rasa's, in percent, at p50 and p95 (None without replies)."""
    if len(gateway.latencies) < 2 or len(rasa.latencies) < 2:
        return None, None
    g = statistics.quantiles(gateway.latencies, n=100, method="inclusive")
    r = statistics.quantiles(rasa.latencies, n=100, method="inclusive")
    return 100 * (g[49] / r[49] - 1), 100 * (g[94] / r[94] - 1)


HEADER = (
    f"{'target / sessions':<28}{'msgs':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'msg/s':>10}{'errors':>8}{'net':>6}"
)


async def _pace(started: float, interval: float) -> None:
    """Wait until `interval` seconds after the last message was sent (not at all if already later)."""
    await asyncio.sleep(max(0.0, started + interval - time.perf_counter()))


async def _session_gateway(
    http: aiohttp.ClientSession,
    base: str,
    script: tuple[str, ...],
    run: Run,
    safety_text: str,
    interval: float,
    deadline: float,
) -> None:
    sid = "bench-" + uuid.uuid4().hex[:16]
    for text in script:
        if time.perf_counter() >= deadline:
            return
        started = time.perf_counter()
        body = await chat_once(http, base, sid, text, run)
        if body is not None:
            run.safety_net += body["messages"][0]["text"] == safety_text
        await _pace(started, interval)


async def chat_once(http: aiohttp.ClientSession, base: str, sid: str, text: str, run: Run) -> dict[str, Any] | None:
    """One message to /api/chat: its reply, with its latency recorded in `run`; None (an error) otherwise."""
    started = time.perf_counter()
    try:
        async with http.post(f"{base}/api/chat", json={"session_id": sid, "text": text}) as resp:
            body = await resp.json()
            elapsed = time.perf_counter() - started
    except (aiohttp.ClientError, asyncio.TimeoutError):
        run.errors += 1
        return None
    if resp.status != 200 or not isinstance(body, dict) or not body.get("messages"):
        run.errors += 1
        return None
    run.latencies.append(elapsed)
    return body


async def _session_rasa(
    http: aiohttp.ClientSession,
    base: str,
    script: tuple[str, ...],
    run: Run,
    _: str,
    interval: float,
    deadline: float,
) -> None:
    sid = "bench-rasa-" + uuid.uuid4().hex[:16]
    metadata = {"language": "en", "region": "GB"}
    for text in script:
        if time.perf_counter() >= deadline:
            return  # no message after the deadline, so that messages/s is over the run's own window
        started = time.perf_counter()
        try:
            payload = {"sender": sid, "message": text, "metadata": metadata}
            async with http.post(f"{base}/webhooks/rest/webhook", json=payload) as resp:
                body = await resp.json()
                elapsed = time.perf_counter() - started
            if resp.status != 200 or not body:
                run.errors += 1
            else:
                run.latencies.append(elapsed)
        except (aiohttp.ClientError, asyncio.TimeoutError):
            run.errors += 1
        await _pace(started, interval)


async def drive(target: str, base: str, sessions: int, seconds: float, safety_text: str, interval: float = 0.0) -> Run:
    """`sessions` concurrent users running conversations for `seconds`, one message per `interval`."""
    run = Run()
    worker = _session_gateway if target == "gateway" else _session_rasa
    deadline = time.perf_counter() + seconds
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=sessions + 10)) as http:

        async def user(i: int) -> None:
            await asyncio.sleep(interval * i / max(sessions, 1))  # spread the first messages out
            n = i
            while time.perf_counter() < deadline:
                await worker(http, base, CONVERSATIONS[n % len(CONVERSATIONS)], run, safety_text, interval, deadline)
                n += 1

        started = time.perf_counter()
        await asyncio.gather(*(user(i) for i in range(sessions)))
        run.seconds = time.perf_counter() - started
    return run


async def first_reply(base: str, safety_text: str) -> Run:
    """One message through the gateway, the way a first visitor sends it."""
    run = Run()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        await _session_gateway(http, base, ("hello",), run, safety_text, 0.0, deadline=float("inf"))
    return run


async def long_conversation(base: str, safety_text: str, turns: int, sample: int = 60) -> tuple[Run, Run]:
    """(fresh, long): the latency of a conversation's first `sample` turns, and of its turns after `turns`
    earlier ones (30 minutes at the rate limit is 900). One session, one message at a time, no pause."""
    texts = [text for script in CONVERSATIONS for text in script]
    fresh, long = Run(), Run()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        script = tuple(texts[i % len(texts)] for i in range(turns + sample))
        sid_run = Run()
        await _session_gateway(http, base, script, sid_run, safety_text, 0.0, deadline=float("inf"))
        fresh.latencies, long.latencies = sid_run.latencies[:sample], sid_run.latencies[-sample:]
        fresh.errors = long.errors = sid_run.errors
        fresh.safety_net, long.safety_net = sid_run.safety_net, 0
    return fresh, long


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="load duration per level")
    parser.add_argument("--levels", type=int, nargs="*", default=[1, 10, 50])
    parser.add_argument("--interval", type=float, default=0.8, help="seconds between a session's messages")
    parser.add_argument(
        "--long-turns", type=int, default=900, help="earlier turns of the long conversation (30 min at 30/min)"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="gateway and Rasa runs alternate this many times per level, pooled"
    )
    args = parser.parse_args()
    n_rounds = max(1, args.rounds)

    from bot.content.locales import load_catalog
    from bot.content.render import render

    root = Path(__file__).resolve().parent.parent
    safety_text = render(load_catalog(root / "locales"), "utter_safety_net", "en", "GB").text
    started = time.perf_counter()
    stack = start_stack(
        Path(tempfile.mkdtemp(prefix="lantern-bench-")),
        {
            "LANTERN_RATE_PER_CLIENT": "1000000",
            "LANTERN_RATE_PER_SESSION": "100000",
            "LANTERN_LOG_LEVEL": "WARNING",
        },
    )
    try:
        first = asyncio.run(first_reply(stack.gateway_url, safety_text))
        cold = time.perf_counter() - started
        print(f"cold start to first reply: {cold:.1f} s (model already trained; {len(first.latencies)} reply)")
        print(f"\none message per session every {args.interval} s:\n" + HEADER)
        results: dict[tuple[str, int], Run] = {}
        rounds: dict[int, list[tuple[Run, Run]]] = {}
        targets = (("gateway", stack.gateway_url), ("rasa", stack.rasa_url))
        for level in args.levels:
            rounds[level] = []
            for i in range(n_rounds):
                # Alternating short runs, first one target then the other, so that a slow phase of the
                # machine (another process, CPU frequency) weighs on both and not on one of them.
                order = targets if i % 2 == 0 else targets[::-1]
                pair = {}
                for target, base in order:
                    seconds = args.seconds / n_rounds
                    pair[target] = asyncio.run(drive(target, base, level, seconds, safety_text, args.interval))
                rounds[level].append((pair["gateway"], pair["rasa"]))
            for index, (target, _) in enumerate(targets):
                results[(target, level)] = Run.pooled([pair[index] for pair in rounds[level]])
                print(results[(target, level)].row(f"{target} x{level}"), flush=True)
        most = max(args.levels)
        print(f"\nsaturation: {most} sessions, no pause between messages:")
        for target, base in targets:
            run = asyncio.run(drive(target, base, most, args.seconds, safety_text))
            print(run.row(f"{target} x{most} (no pause)"), flush=True)
        fresh, long = asyncio.run(long_conversation(stack.gateway_url, safety_text, args.long_turns))
        print(f"\na long conversation ({args.long_turns} earlier turns) against its own first turns (bar: 1.2x):")
        print(HEADER)
        print(fresh.row("first 60 turns"))
        print(long.row(f"turns after {args.long_turns}"))
        if fresh.latencies and long.latencies:
            ratio = statistics.median(long.latencies) / statistics.median(fresh.latencies)
            print(f"  p50 ratio {ratio:.2f}x")
        print("\ngateway overhead (p50 / p95 vs Rasa REST), pooled; then p95 of each alternating round:")
        for level in args.levels:
            pooled = overhead(results[("gateway", level)], results[("rasa", level)])
            each = [overhead(g, r) for g, r in rounds[level]]
            spread = ", ".join(f"{p95:+.0f}" for _, p95 in each if p95 is not None)
            if pooled[0] is not None:
                print(f"  x{level:<3} {pooled[0]:+.0f} % / {pooled[1]:+.0f} %   (rounds: {spread} %)")
        parts = children(stack.proc.pid)
        print("\nRSS after load:")
        total = rss_mb(stack.proc.pid)
        print(f"  supervisor {total:>8.0f} MB")
        for name, pid in sorted(parts.items()):
            if name == "rasa" and any("@" in other for other in parts):
                continue  # the same process as one rasa@<port>
            mb = rss_mb(pid)
            total += mb
            print(f"  {name:<10} {mb:>8.0f} MB")
        print(f"  {'total':<10} {total:>8.0f} MB")
        training = root / "models" / "training.json"
        if training.exists():
            info = json.loads(training.read_text())
            print(f"\nlast training: {info['seconds']:.0f} s for {info['examples']} examples")
    finally:
        stop(stack.proc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
