"""Choosing the language: explicit choice sticks, detection needs confidence and length, scripts rule."""

from __future__ import annotations

from bot.language import decide, detect


def choose(*args, **kwargs) -> str:
    """Only the language of `decide` (what most of these tests are about)."""
    return decide(*args, **kwargs).language


ALL = {"en", "sq", "vi", "ro", "pl", "ar", "fa", "zh", "uk", "ru", "es", "fr", "pt", "hr", "ti"}


def test_scripts_decide_without_langdetect():
    assert detect("ሰላም ኣሎኹ", ALL).language == "ti"
    assert detect("我的老板拿走了我的护照", ALL).language == "zh"
    assert detect("من در خطر هستم، کمک کنید", ALL).language == "fa"
    assert detect("أنا في خطر الآن", ALL).language == "ar"
    assert detect("Мені потрібна допомога, їх тут багато", ALL).language == "uk"
    assert detect("Мне нужна помощь, мы здесь", ALL).language == "ru"


def test_detection_is_repeatable():
    text = "Mi-a luat pașaportul și nu mă lasă să plec"
    assert len({detect(text, ALL) for _ in range(5)}) == 1


def test_long_sentence_starts_a_conversation_in_its_language():
    assert choose("Mój szef zabrał mi paszport i nie płaci mi od trzech miesięcy", ALL, None, False) == "pl"


def test_explicit_choice_sticks():
    assert choose("He is hurting me right now, please help", ALL, "sq", True) == "sq"


def test_short_message_does_not_flip_the_language():
    assert choose("ok", ALL, "pl", False) == "pl"
    assert choose("si", ALL, "ro", False) == "ro"


def test_hint_is_a_prior_not_an_order():
    assert choose("My boss keeps my passport and does not pay me", ALL, None, False, hint="fr") == "en"
    assert choose("ok", ALL, None, False, hint="fr") == "fr"


def test_only_shipped_languages_are_chosen():
    assert choose("Mój szef zabrał mi paszport i nie płaci mi od trzech miesięcy", {"en"}, None, False) == "en"


def test_payloads_keep_the_current_language():
    assert choose('/choose_language{"language": "ar"}', ALL, "en", False) == "en"
