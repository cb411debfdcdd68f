"""Reading values out of typed text with the project's word lists (rasa_ext/lexicon.py, rasa_ext/reading.py)."""

from __future__ import annotations

import pytest

from bot.common.names import LOOKUP_KINDS
from bot.runtime.settings import ROOT
from rasa_ext.lexicon import Lexicon, WordList, lexicons, normalise, variants
from rasa_ext.reading import read_entities

LEXICONS = lexicons(ROOT / "nlu")
EN = LEXICONS["en"]
KINDS = set(LOOKUP_KINDS)


def entities(text: str, lexicon: Lexicon = EN) -> dict[str, str]:
    return {e["entity"]: e["value"] for e in read_entities(lexicon, text)}


def test_every_shipped_language_has_every_kind_of_word_list() -> None:
    shipped = sorted(p.stem for p in (ROOT / "locales").glob("*.yml") if p.stem != "helplines")
    assert sorted(LEXICONS) == shipped
    for language, lexicon in LEXICONS.items():
        assert KINDS <= set(lexicon.kinds()), (language, sorted(KINDS - set(lexicon.kinds())))
        assert all(lexicon[kind] for kind in KINDS), (language, [k for k in KINDS if not lexicon[k]])


def test_phrases_match_whole_words_prefixes_and_gaps() -> None:
    words = WordList(["took ~ passport*", "no", "teen*"])
    assert words.find(normalise("He TOOK away my Passports"))
    assert words.find(normalise("she's a teenager"))
    assert not words.find(normalise("nothing here"))  # "no" is a word, not a prefix
    assert not words.find(normalise("took the bus, then a long walk, to get my passport"))  # gap of more than 3


def test_chinese_matches_as_strings_and_apostrophes_and_clitics_fold() -> None:
    assert WordList(["护照"]).find(normalise("老板拿走了我的护照"))
    assert normalise("Don’t") == " dont "
    assert " nobody " in variants("nobody's in danger")[-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nobody's in danger at the moment", {"answer": "no", "danger_denied": "yes"}),
        ("I don't think so", {"answer": "no"}),
        ("not that I know of", {"answer": "no"}),
        ("maybe", {"answer": "unsure"}),
        ("she looks about 14", {"age_hint": "child"}),
        ("they're all grown men", {"under_18": "no"}),
        ("a 15 year old girl", {"under_18": "yes"}),
        ("my boss has my passport and says I owe him for the flight", {"sign_documents": "yes", "sign_debt": "yes"}),
        ("who can I call?", {"number_request": "yes"}),
    ],
)
def test_english_values(text: str, expected: dict[str, str]) -> None:
    found = entities(text)
    assert expected.items() <= found.items(), found


def test_a_child_anywhere_wins_and_a_negated_sign_is_not_a_sign() -> None:
    assert entities("one is 16 years old, the others are adults")["under_18"] == "yes"
    assert "sign_documents" not in entities("they didn't take my passport")
    assert "sign_documents" not in entities("i have my passport")


def test_an_answer_that_leads_or_stands_alone_is_marked() -> None:
    def role(text: str) -> str | None:
        return next(e.get("role") for e in read_entities(EN, text) if e["entity"] == "answer")

    assert role("no, they let me go out") == "alone"  # an answer, then a statement
    assert role("no") == "alone"
    assert role("no they won't let me go") == "lead"  # one sentence that starts with "no"
    assert role("honestly and truly i think not really") is None


def test_button_payload_like_text_reads_nothing_special() -> None:
    assert entities("") == {}


def test_a_named_role_or_workplace_gives_its_sector_only_when_it_names_one() -> None:
    lexicon = Lexicon(
        {
            "sector_healthcare": ["nurse", "midwife"],
            "sector_hospitality": ["hotel receptionist", "night porter"],
            "negation": ["not", "no"],
        }
    )
    assert entities("im a practice nurse, a woman came in with a man", lexicon).get("sector") == "healthcare"
    assert entities("night porter here", lexicon).get("sector") == "hospitality"
    assert "sector" not in entities("a nurse told the hotel receptionist", lexicon)  # two: asked, not guessed
    assert "sector" not in entities("my neighbour is worried", lexicon)
