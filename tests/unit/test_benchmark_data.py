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
