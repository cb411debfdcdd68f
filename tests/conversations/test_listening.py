"""Conversations that listen, over the real model, in every language (issue: free text in every journey).

The free-text dialogues of benchmarks/dialogues (written apart from the training data; 22 per language
across the three audiences) are typed into the real stack. They hold the five kinds of failure the issue
names: a natural "no", values in answers, what was already said, a request for a number, and the branch
for a plain question. Asserted here, in every language: no question is asked a third time (no loop);
"yes, someone is in danger" always gets the emergency number; at least a quarter of them reach
their goal (the bar of 95 % is the benchmark's, `python -m benchmarks.dialogues`, and not yet met in
every language: the closing notes give the table). Every held-out emergency message still gets the
emergency number in its first reply: in a fresh conversation, and in the middle of each form.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.dialogue_replies import load
from benchmarks.dialogues import Context, dialogue_files, run_language
from benchmarks.heldout import load as load_heldout
from bot.runtime.settings import ROOT
from scripts.stack import ChatClient, Stack

pytestmark = pytest.mark.stack

GOAL_FLOOR = 0.25  # today 27-64 % per language (before this work: 0-18 %); the bar is 95 %
CATALOG, RECOGNISERS, NUMBERS = load(ROOT)
LABELS = {code: {k: v for k, v in loc.labels.items() if k.startswith("sign_")} for code, loc in CATALOG.locales.items()}
EMERGENCIES = sorted(
    (language, text)
    for language, examples in load_heldout().items()
    for text, intent in examples
    if intent == "report_emergency"
)


@pytest.fixture(scope="module")
def dialogue_results(stack: Stack) -> dict[str, list]:
    context = Context(RECOGNISERS, NUMBERS, LABELS)
    files = dialogue_files()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda p: run_language(p, stack.gateway_url, context), files)
        return dict(zip([p.stem for p in files], results, strict=True))


@pytest.mark.parametrize("language", sorted(p.stem for p in dialogue_files()))
def test_free_text_dialogues_never_loop_and_danger_always_gets_the_number(
    dialogue_results: dict[str, list], language: str
) -> None:
    results = dialogue_results[language]
    failed = {r.id: r.failures for r in results if r.failures}
    assert sum(r.loops for r in results) == 0, failed
    assert sum(r.emergency_missing for r in results) == 0, failed
    assert sum(r.wrong_language for r in results) <= 1, failed  # a one-word greeting may be taken for another
    assert sum(r.reached for r in results) / len(results) >= GOAL_FLOOR, failed


def _mid_professional_form(chat: ChatClient) -> None:
    chat.send("/identify_professional")  # the triage asks: is anyone in immediate danger right now?
    chat.send("/deny")  # now it asks: could the person be under 18?


def _mid_selfcheck(chat: ChatClient) -> None:
    chat.send("/identify_self")  # is it safe to talk?
    chat.send("/affirm")  # the first sign question


@pytest.mark.parametrize(("language", "text"), EMERGENCIES)
def test_every_held_out_emergency_gets_the_number_first_anywhere(stack: Stack, language: str, text: str) -> None:
    for prepare in (None, _mid_professional_form, _mid_selfcheck):
        chat = ChatClient(stack.gateway_url, language)
        if prepare:
            prepare(chat)
        reply = chat.send(text)["messages"]
        where = prepare.__name__ if prepare else "a fresh conversation"
        first = reply[0]["text"] if reply else ""
        assert NUMBERS.any_emergency(first), (where, text, first[:120])
