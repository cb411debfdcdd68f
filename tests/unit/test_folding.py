"""What each fold does, pinned: a change here changes how typed text meets known words (and the model)."""

from __future__ import annotations

import pytest

from bot.common.folding import fold, fold_case, letters, strip_latin_accents


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Hrvatska", "hrvatska"),
        ("né znám", "ne znam"),
        ("Địa chỉ", "dia chi"),  # đ has no combining mark: the look-alike table folds it
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("KIŞI ıyi", "kisi iyi"),
        ("ø Ø", "o o"),
        ("don’t donʼt", "don't don't"),
        ("كم عمرك", "کم عمرک"),  # Arabic yeh and kaf as Persian writes them
        ("می\u200cخواهم", "میخواهم"),  # zero-width non-joiner dropped
        ("مـــرحبا", "مرحبا"),  # tatweel dropped
        ("أنا في خطر", "انا فی خطر"),  # hamza carrier and yeh folded
        ("Привет, Ёлка", "привет, елка"),
        ("我的护照", "我的护照"),
        ("ሰላም", "ሰላም"),
        ("ｆｕｌｌ ２", "full 2"),  # fullwidth forms (NFKD)
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_fold_is_idempotent_and_keeps_words_apart() -> None:
    for text in ("Đorđe u Splitu", "Je suis à Paris", "Tôi ở Việt Nam"):
        assert fold(fold(text)) == fold(text)
        assert len(fold(text).split()) == len(text.split())


def test_fold_case_only_drops_case() -> None:
    assert fold_case("Né ZNÁM") == "né znám"
    assert fold_case("Straße") == "strasse"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Dziękuję, Panie!", "dziękuję panie"),  # accents kept: they tell languages apart
        ("don’t 123 stop_now", "don't stop now"),
        ("مَرْحَبًا", "مرحبا"),  # harakat dropped
        ("Ça   va?", "ça va"),
    ],
)
def test_letters(typed: str, kept: str) -> None:
    assert letters(typed) == kept


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("përshëndetje", "pershendetje"),
        ("mulțumesc", "multumesc"),
        ("chào bạn", "chao ban"),
        ("đi", "di"),
        ("Привет", "Привет"),  # other scripts untouched
        ("Straße", "Straße"),  # ß has no one-letter twin: left as it is
    ],
)
def test_strip_latin_accents(text: str, stripped: str) -> None:
    assert strip_latin_accents(text) == stripped
