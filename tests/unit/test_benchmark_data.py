"""The evaluation data the accuracy benchmark reads: complete and well-formed (that held-out examples are
never trained on is bot.content.check's rule, tested in test_check.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.heldout import load, load_short
from bot.content.locales import load_catalog
from bot.runtime.settings import ROOT

LANGUAGES = sorted(load_catalog(ROOT / "locales").locales)
SHORT = load_short()
MIN_SHORT = 50  # enough that one miss moves a language's 1-2-word figure by 2 points at most


def test_every_shipped_language_has_held_out_and_short_messages() -> None:
    assert sorted(load()) == LANGUAGES
    assert sorted(SHORT) == LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_short_messages_are_one_or_two_words_each_once_and_carry_no_numbers(lang: str) -> None:
    messages = SHORT[lang]
    assert len(messages) >= MIN_SHORT
    assert len(set(messages)) == len(messages), "a message is listed twice"
    assert all(1 <= len(m.split()) <= 2 for m in messages), [m for m in messages if len(m.split()) > 2]
    assert not [m for m in messages if re.search(r"\d", m)], "digits (a phone number?) in the short messages"


def test_load_short_skips_blank_lines_and_comments(tmp_path: Path) -> None:
    (tmp_path / "xx.txt").write_text("# written by a native speaker\n\nhello\n  hi there  \n", encoding="utf-8")
    assert load_short(tmp_path) == {"xx": ["hello", "hi there"]}


# --- free-text dialogues (benchmarks/dialogues, written apart; run by benchmarks/dialogues.py) --------
from benchmarks.dialogue_replies import OUTCOMES  # noqa: E402
from benchmarks.dialogues import dialogue_files  # noqa: E402
from bot.common.names import SIGNS  # noqa: E402
from bot.common.yaml_files import read_yaml  # noqa: E402

DIALOGUES = {p.stem: read_yaml(p) for p in dialogue_files()}
MIN_DIALOGUES = 20
AUDIENCES = {"professional", "self", "public"}
QUESTIONS = {"audience", "safe_to_talk", "danger_now", "triage_resumed", "under_18", "sector"} | {
    f"sign_{s}" for s in SIGNS
}
MEANINGS = {"yes", "no", "unsure", "skip"}
SECTORS = {"housing", "licensing", "health_safety", "transport", "hospitality", "healthcare", "other"}
PHONE_LIKE = re.compile(r"\d[\d ]{6,}\d")


def test_every_shipped_language_has_its_dialogues() -> None:
    assert sorted(DIALOGUES) == LANGUAGES


def _texts(dialogue: dict) -> list[str]:
    opening = dialogue.get("opening") or []
    texts = [opening] if isinstance(opening, str) else list(opening)
    for answer in (dialogue.get("answers") or {}).values():
        say = answer.get("say") if isinstance(answer, dict) else answer
        texts += [say] if isinstance(say, str) else list(say or [])
    texts += [item.get("say", "") for item in dialogue.get("then") or []]
    return [str(t) for t in texts]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dialogues_are_well_formed_across_the_three_audiences(lang: str) -> None:
    data = DIALOGUES[lang]
    assert data.get("language") == lang
    dialogues = data["dialogues"]
    assert len(dialogues) >= MIN_DIALOGUES
    ids = [d["id"] for d in dialogues]
    assert len(set(ids)) == len(ids), "a dialogue id is used twice"
    assert {d["audience"] for d in dialogues} == AUDIENCES
    for d in dialogues:
        where = d["id"]
        assert d.get("goal") in OUTCOMES, where
        assert _texts(d) and all(t.strip() for t in _texts(d)), where
        assert not any(t.startswith("/") for t in _texts(d)), f"{where}: typed text, never a button payload"
        assert not [t for t in _texts(d) if PHONE_LIKE.search(t)], f"{where}: a phone-like number in a fixture"
        for question, answer in (d.get("answers") or {}).items():
            assert question in QUESTIONS, f"{where}: unknown question {question}"
            means = str(answer.get("means")) if isinstance(answer, dict) else None
            allowed = SECTORS if question == "sector" else AUDIENCES if question == "audience" else MEANINGS
            assert means in allowed, f"{where}: {question} means {means!r}"
        for question in d.get("knows") or {}:
            assert question in QUESTIONS, f"{where}: unknown question {question} in knows"
        for item in d.get("then") or []:
            assert set(item.get("expect") or []) <= set(OUTCOMES), where
            assert set(item.get("avoid") or []) <= set(OUTCOMES), where
