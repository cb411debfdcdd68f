"""Choosing the language: explicit choice sticks, detection needs confidence and length, scripts rule."""

from __future__ import annotations

from bot.turn import language
from bot.turn.language import Choice, Guess
from tests.project_model import project_model


def detect(text: str, shipped: set[str]) -> Guess:
    return language.detect(text, shipped, project_model())


def decide(*args, **kwargs) -> Choice:
    return language.decide(*args, model=project_model(), **kwargs)


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


SHORT_MESSAGES = {
    "en": ["thank you", "I need help"],
    "sq": ["më ndihmo", "mirupafshim"],
    "vi": ["xin chào", "giúp tôi"],
    "ro": ["mulțumesc", "am nevoie de ajutor"],
    "pl": ["dziękuję", "nie wiem"],
    "es": ["necesito ayuda"],
    "fr": ["merci beaucoup", "je ne sais pas"],
    "pt": ["preciso de ajuda", "não sei"],
    "hr": ["trebam pomoć", "ne znam"],
    "ar": ["أحتاج مساعدة"],  # no Persian letter: the model tells Arabic from Persian
    "fa": ["مرسی"],
    "ru": ["нужна помощь"],  # no telling letter: the model tells Russian from Ukrainian
    "uk": ["дякую"],
    "zh": ["谢谢"],
    "ti": ["የቐንየለይ"],
}


def test_short_in_domain_messages_are_recognised():
    for code, texts in SHORT_MESSAGES.items():
        for text in texts:
            assert detect(text, ALL).language == code, text


def test_detection_is_deterministic_with_confidence_in_range():
    for texts in SHORT_MESSAGES.values():
        for text in texts:
            guesses = {detect(text, ALL) for _ in range(3)}
            assert len(guesses) == 1
            assert 0.0 <= guesses.pop().confidence <= 1.0


def test_geez_is_always_tigrinya():
    guess = detect("ሰላም", ALL)
    assert (guess.language, guess.by_script, guess.confidence) == ("ti", True, 1.0)
    assert choose("ሰላም", ALL, "en", False) == "ti"  # even short, even mid-conversation
    assert choose("ሰላም", ALL, None, False, hint="en") == "ti"


def test_short_ambiguous_messages_never_flip_the_language():
    for text, current in [("da", "ro"), ("da", "hr"), ("ne", "hr"), ("no", "en"), ("nu", "ro"), ("tak", "uk")]:
        assert choose(text, ALL, current, False) == current, (text, current)
    # Long enough but not in any one language: the confidence stays below the switching bar.
    for text in ("okay okay okay", "stop stop stop", "London Manchester Glasgow"):
        assert choose(text, ALL, "pl", False) == "pl", text


def test_a_clear_message_switches_and_a_fresh_conversation_starts_in_it():
    assert choose("Mi-a luat pașaportul și nu mă lasă să plec", ALL, "en", False) == "ro"
    assert decide("am nevoie de ajutor", ALL, None, False) == Choice("ro", False)


def test_nothing_to_go_on_is_no_guess():
    assert detect("1234 !!", ALL).language is None
    assert detect("London", ALL) == Guess(None, 0.0, 6)


def test_a_weak_first_guess_close_to_the_default_is_answered_in_the_default_with_the_picker():
    hi = decide("hi", ALL, None, False)
    assert hi == Choice("en", True)  # Vietnamese was a shade ahead of English on "hi"
    assert decide("salut", ALL, None, False).language == "fr"  # English nowhere near: the guess stands
