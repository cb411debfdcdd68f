"""Edits to locales/ are reloaded off the event loop: chat keeps answering meanwhile, then the edit is served."""

from __future__ import annotations

import asyncio
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from bot.common.names import UTTER_SAFETY_NET
from bot.content.catalog_store import CatalogStore
from bot.content.locales import Catalog, load_catalog, locale_files
from bot.content.render import render
from bot.runtime.settings import ROOT
from tests.fast.conftest import GatewayFactory, StubEngine, chat, texts

EXTRA_RESPONSES = 150  # per locale: about triples what a reload parses
SORRY = "Sorry, I can't answer properly right now."


def grow(locales: Path, count: int) -> None:
    """Add `count` responses to every locale file. Every language must hold every English key (or the
    checks drop it), so each file grows, English included; the texts hold no digits (the checks refuse
    numbers written in texts)."""
    for path in locale_files(locales):
        text = path.read_text(encoding="utf-8")
        assert "\nresponses:\n" in text, path
        extra = "".join(
            f"  utter_zz_extra_{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}:\n"
            "    text: |-\n"
            "      An extra response for the reload test; nothing in it is real.\n"
            "      A second line, so that it looks like the others.\n"
            "    buttons:\n"
            '      - title: "Back"\n'
            "        payload: /greet\n"
            for i in range(count)
        )
        path.write_text(text.replace("\nresponses:\n", "\nresponses:\n" + extra, 1), encoding="utf-8")


def edit_english(locales: Path, marker: str) -> None:
    """Change the English safety net's words (the placeholders stay)."""
    en = locales / "en.yml"
    text = en.read_text(encoding="utf-8")
    start = text.index("  utter_safety_net:\n")
    line = text.index("Sorry", start)
    end = text.index("\n", line)
    en.write_text(text[:line] + f"Sorry ({marker}), I can't answer properly right now." + text[end:], encoding="utf-8")


def copy_locales(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", target)
    return target


async def timed_chat(client: TestClient, n: int) -> tuple[float, float, int]:
    """One /api/chat: (start, end, status)."""
    start = time.perf_counter()
    status, _ = await chat(client, "hello there", session_id=f"reload-session-{n:05d}", language="en")
    return start, time.perf_counter(), status


@dataclass
class ReloadRun:
    plain_parse: float  # load_catalog of the grown copy, on its own
    baseline: list[float]  # latencies before the reload
    during: list[tuple[float, float, int]]  # requests sent one after another while the reload ran
    parse_window: tuple[float, float]  # from asking for the reload to its end (parsing in another process)
    reloaded: bool
    old: Catalog
    new: Catalog
    served: str  # the safety net served after the reload


async def run_reload(
    make_gateway: GatewayFactory, stub: StubEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ReloadRun:
    locales = copy_locales(tmp_path)
    grow(locales, EXTRA_RESPONSES)
    start = time.perf_counter()
    load_catalog(locales)
    plain_parse = time.perf_counter() - start
    store = CatalogStore(locales, "en")
    client = await make_gateway(
        own_store=store, own_locales=locales, LANTERN_RELOAD_SECONDS="3600", LANTERN_RATE_PER_CLIENT="1000000"
    )
    for n in range(3):  # warm-up: connections, first-use costs
        await timed_chat(client, n)
    baseline = []
    for n in range(12):
        begin, end, status = await timed_chat(client, n)
        assert status == 200
        baseline.append(end - begin)

    old = store.current
    edit_english(locales, "edited copy")
    began = time.perf_counter()
    reload = asyncio.create_task(store.reload_in_background())
    during = []
    while not reload.done():
        during.append(await timed_chat(client, 100 + len(during)))
    window = (began, time.perf_counter())
    reloaded = await reload
    stub.then(status=500)
    _, body = await chat(client, "help", session_id="after-reload-0001", language="en")
    return ReloadRun(plain_parse, baseline, during, window, reloaded, old, store.current, texts(body)[0])


def inside(run: ReloadRun) -> list[float]:
    """Latencies of the requests that started and ended while the reload was in progress."""
    begin, end = run.parse_window
    return [e - s for s, e, _ in run.during if s >= begin and e <= end]


async def test_a_reload_runs_beside_chat_and_the_edit_is_then_served(
    make_gateway: GatewayFactory, stub: StubEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = await run_reload(make_gateway, stub, tmp_path, monkeypatch)
    assert run.plain_parse > 0.1, f"parsing took only {run.plain_parse:.3f} s: the test would prove nothing"
    assert run.reloaded and run.new is not run.old
    assert "utter_zz_extra_aa" in run.new.locales["en"].responses
    assert run.served == render(run.new, UTTER_SAFETY_NET, "en", "GB", confirmed=False).text
    assert "Sorry (edited copy)" in run.served
    assert all(status == 200 for _, _, status in run.during)
    # Chat went on while the parse was in progress: had the parse blocked the loop, no request would
    # fit inside its window and one would have waited about as long as the whole parse.
    parse = run.parse_window[1] - run.parse_window[0]
    served_meanwhile = inside(run)
    assert len(served_meanwhile) >= 3, (len(served_meanwhile), parse)
    worst = max(end - start for start, end, _ in run.during)
    assert worst < parse / 2, (worst, parse)


async def test_a_reload_delays_a_concurrent_chat_by_at_most_50_ms(
    make_gateway: GatewayFactory, stub: StubEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = await run_reload(make_gateway, stub, tmp_path, monkeypatch)
    assert run.reloaded and run.plain_parse > 0.1
    baseline = max(run.baseline)
    latencies = [end - start for start, end, _ in run.during]
    assert len(inside(run)) >= 3
    summary = f"baseline max {baseline * 1000:.1f} ms, median {statistics.median(latencies) * 1000:.1f} ms"
    assert max(latencies) - baseline <= 0.050, f"worst {max(latencies) * 1000:.1f} ms; {summary}"


async def test_the_watcher_serves_an_edit_and_keeps_the_last_good_version_of_a_broken_one(
    make_gateway: GatewayFactory, stub: StubEngine, tmp_path: Path
) -> None:
    locales = copy_locales(tmp_path)
    store = CatalogStore(locales, "en")
    # A reload runs in a fresh process (about a second on a busy machine): poll without hitting the limit.
    client = await make_gateway(
        own_store=store, own_locales=locales, LANTERN_RELOAD_SECONDS="0.2", LANTERN_RATE_PER_SESSION="100000"
    )
    stub.always(status=500)  # every reply is the safety net, rendered from the texts in force

    async def served_within(marker: str, seconds: float = 15.0) -> str:
        deadline = time.monotonic() + seconds
        while True:
            _, body = await chat(client, "help", language="en")
            if marker in texts(body)[0] or time.monotonic() > deadline:
                return texts(body)[0]
            await asyncio.sleep(0.1)

    _, body = await chat(client, "help", language="en")
    assert SORRY in texts(body)[0]
    edit_english(locales, "first edit")
    assert "Sorry (first edit)" in await served_within("first edit")
    good = store.current
    en = locales / "en.yml"
    en.write_text(en.read_text(encoding="utf-8").replace("meta:", "meta: [broken", 1), encoding="utf-8")
    await asyncio.sleep(3)  # several watcher rounds, each refused
    assert store.current is good
    _, body = await chat(client, "help", language="en")
    assert "Sorry (first edit)" in texts(body)[0]
    en.write_text(en.read_text(encoding="utf-8").replace("meta: [broken", "meta:", 1), encoding="utf-8")
    edit_english(locales, "second edit")
    assert "Sorry (second edit)" in await served_within("second edit")  # the watcher survived the refusal
