"""`python -m benchmarks.scale` (part of `make bench`): one Rasa worker in memory against two workers
on Redis, in the same run, with typed messages as people type them.

Load: the free-text conversations of benchmarks/dialogues/ (15 languages, written apart), each played
as a script: its opening, the answers its writer gave to each question, then its follow-up lines.
Rows (bars from DESIGN.md and the scale-out issue):
- saturation: 50 sessions with no pause; 2 workers on Redis >= 1.3 x 1 worker in memory (the load
  generator shares the machine's 2 cores);
- latency: 50 sessions, one message per 0.8 s each (62.5 messages/s offered): p95 <= 250 ms with 2 workers;
- a worker killed in the middle of that load: every message answered (the safety net counts), and no
  conversation lost: afterwards each conversation's tracker in Redis still holds every message it sent;
- memory of the whole stack with 2 workers, Redis included: <= 2.4 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from benchmarks.load import HEADER, Run, chat_once, rss_mb
from bot.common.yaml_files import read_yaml
from bot.turn.privacy import pseudonym
from scripts.redis_server import RedisServer, start_redis
from scripts.stack import SECRET, Stack, children, start_stack, stop

ROOT = Path(__file__).resolve().parent.parent
DIALOGUES = ROOT / "benchmarks" / "dialogues"
SESSIONS = 50
INTERVAL = 0.8
BENCH_ENV = {"LANTERN_RATE_PER_CLIENT": "1000000", "LANTERN_RATE_PER_SESSION": "100000", "LANTERN_LOG_LEVEL": "WARNING"}


def typed_scripts() -> list[tuple[str, ...]]:
    """Every written conversation as the lines its person types, in order."""
    scripts = []
    for path in sorted(DIALOGUES.glob("*.yml")):
        for dialogue in read_yaml(path).get("dialogues") or []:
            lines = list(dialogue.get("opening") or [])
            lines += [answer["say"] for answer in (dialogue.get("answers") or {}).values() if answer.get("say")]
            lines += [step["say"] for step in dialogue.get("then") or [] if step.get("say")]
            scripts.append(tuple(str(line) for line in lines))
    return scripts


@dataclass
class Load:
    run: Run = field(default_factory=Run)
    last: dict[str, str] = field(default_factory=dict)  # session id -> the last message answered in it


async def drive(base: str, scripts: list[tuple[str, ...]], seconds: float, interval: float, safety: set[str]) -> Load:
    """SESSIONS people, each typing one conversation after another, one message per `interval`."""
    load = Load()
    deadline = time.perf_counter() + seconds
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=SESSIONS + 10)) as http:

        async def person(i: int) -> None:
            await asyncio.sleep(interval * i / SESSIONS)
            n = i
            while time.perf_counter() < deadline:
                sid = "scale-" + uuid.uuid4().hex[:20]
                for text in scripts[n % len(scripts)]:
                    if time.perf_counter() >= deadline:
                        return
                    started = time.perf_counter()
                    body = await chat_once(http, base, sid, text, load.run)
                    if body is not None:
                        net = body["messages"][0]["text"] in safety
                        load.run.safety_net += net
                        if not net:
                            load.last[sid] = text
                    await asyncio.sleep(max(0.0, started + interval - time.perf_counter()))
                n += 1

        started = time.perf_counter()
        await asyncio.gather(*(person(i) for i in range(SESSIONS)))
        load.run.seconds = time.perf_counter() - started
    return load


def safety_texts() -> set[str]:
    from bot.content.locales import load_catalog
    from bot.content.render import render

    catalog = load_catalog(ROOT / "locales")
    return {
        render(catalog, "utter_safety_net", code, region, confirmed=confirmed).text
        for code in catalog.locales
        for region in ("GB", "other")
        for confirmed in (True, False)
    }


def lost_conversations(server: RedisServer, last: dict[str, str]) -> tuple[int, int]:
    """(conversations checked, conversations lost): lost when Redis no longer holds the conversation, or
    its latest message is not the last one the person was answered on (a long conversation keeps only
    its recent turns, so the count of messages is no measure)."""
    client = server.client()
    lost = 0
    for sid, text in last.items():
        raw = client.get("lantern:tracker:" + pseudonym(SECRET.encode(), "web", sid))
        events = json.loads(raw)["events"] if raw else []
        said = [event.get("text") for event in events if event.get("event") == "user"]
        if not said or said[-1] != text:
            lost += 1
    return len(last), lost


def stack_mb(stack: Stack, extra_pids: list[int]) -> float:
    pids = {stack.proc.pid, *children(stack.proc.pid).values(), *extra_pids}
    return sum(rss_mb(pid) for pid in pids)


def rows(stack: Stack, label: str, scripts: list[tuple[str, ...]], seconds: float, safety: set[str]) -> tuple[Run, Run]:
    """(saturation, paced): no pause between messages, then one per INTERVAL; both printed."""
    asyncio.run(drive(stack.gateway_url, scripts, 5.0, 0.0, safety))  # warm up: every language, every path
    saturated = asyncio.run(drive(stack.gateway_url, scripts, seconds, 0.0, safety)).run
    print(saturated.row(f"{label}, no pause"), flush=True)
    paced = asyncio.run(drive(stack.gateway_url, scripts, seconds, INTERVAL, safety)).run
    print(paced.row(f"{label}, 0.8 s"), flush=True)
    return saturated, paced


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each load row")
    args = parser.parse_args()
    scripts = typed_scripts()
    safety = safety_texts()
    folder = Path(tempfile.mkdtemp(prefix="lantern-scale-"))
    print(f"{len(scripts)} typed conversations from benchmarks/dialogues/; {SESSIONS} sessions")
    print(HEADER)

    for part in ("one", "two"):
        (folder / part).mkdir(parents=True, exist_ok=True)
    one = start_stack(folder / "one", BENCH_ENV)
    try:
        single, _ = rows(one, "1 worker, memory", scripts, args.seconds, safety)
    finally:
        stop(one.proc)

    server = start_redis(folder / "redis")
    env = {**BENCH_ENV, "LANTERN_REDIS_URL": server.url, "LANTERN_RASA_WORKERS": "2"}
    two = start_stack(folder / "two", env)
    try:
        double, paced = rows(two, "2 workers, Redis", scripts, args.seconds, safety)
        memory = stack_mb(two, [server.proc.pid])

        async def kill_midway() -> Load:
            task = asyncio.create_task(drive(two.gateway_url, scripts, args.seconds, INTERVAL, safety))
            await asyncio.sleep(args.seconds / 2)
            victims = {name: pid for name, pid in children(two.proc.pid).items() if name.startswith("rasa@")}
            name = sorted(victims)[0]
            os.kill(victims[name], signal.SIGKILL)
            return await task

        killed = asyncio.run(kill_midway())
        print(killed.run.row("2 workers, one killed"), flush=True)
        checked, lost = lost_conversations(server, killed.last)
    finally:
        stop(two.proc)
        server.stop()

    ratio = len(double.latencies) / double.seconds / (len(single.latencies) / single.seconds)
    print(f"\nsaturation, 2 workers on Redis / 1 in memory: {ratio:.2f}x (bar >= 1.3x)")
    p95 = sorted(paced.latencies)[int(0.95 * (len(paced.latencies) - 1))] * 1000 if paced.latencies else 0.0
    print(f"p95 at 62.5 msg/s offered, 2 workers: {p95:.0f} ms (bar <= 250 ms)")
    answered = len(killed.run.latencies)
    print(
        f"worker killed mid-load: {answered} answered ({killed.run.safety_net} by the safety net), "
        f"{killed.run.errors} errors; conversations lost: {lost} of {checked}"
    )
    print(f"memory, whole stack with 2 workers and Redis: {memory:.0f} MB (bar <= 2400 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
