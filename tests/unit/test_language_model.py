"""The in-domain language model: trained from nlu/ and locales/ files, deterministic, calibrated to [0, 1]."""

from __future__ import annotations

from pathlib import Path

from bot.runtime.settings import ROOT
from bot.turn import language, language_model
from bot.turn.language_model import LanguageModel
from tests.project_model import project_model


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def locale(code: str, text: str, places: list[str]) -> str:
    words = ", ".join(places)
    return (
        f"meta: {{name: {code}, native_name: {code}, direction: ltr, reviewed: false}}\n"
        f"regions:\n  GB:\n    name: x\n    words: [{words}]\n"
        f'responses:\n  utter_greet:\n    text: "{text} {{helpline.msh.phone}}"\n    buttons:\n'
        "      - title: ok\n        payload: /identify_professional\n"
    )


def small_project(root: Path) -> LanguageModel:
    write(root / "nlu" / "ro" / "core.yml", 'version: "3.1"\nnlu:\n- intent: thanks\n  examples: |\n    - mulțumesc\n')
    write(root / "nlu" / "pl" / "core.yml", 'version: "3.1"\nnlu:\n- intent: thanks\n  examples: |\n    - dziękuję\n')
    write(root / "nlu" / "zh" / "core.yml", 'version: "3.1"\nnlu:\n- intent: thanks\n  examples: |\n    - 谢谢\n')
    places = ["london", "zagreb"]
    write(root / "locales" / "ro.yml", locale("ro", "Bună ziua, vă pot ajuta", places))
    write(root / "locales" / "pl.yml", locale("pl", "Dzień dobry, mogę pomóc", places))
    write(root / "locales" / "en.yml", locale("en", "Hello, I can help", places))
    write(root / "locales" / "helplines.yml", "services: {}\n")
    return LanguageModel.from_files(root / "nlu", root / "locales")


def test_trained_from_nlu_examples_and_locale_texts(tmp_path):
    model = small_project(tmp_path)
    assert model.languages == ("en", "pl", "ro")  # zh is told by its script: not trained
    assert model.guess("mulțumesc", {"ro", "pl", "en"})[0] == "ro"
    assert model.guess("dzień dobry", {"ro", "pl", "en"})[0] == "pl"


def test_unaccented_spelling_and_repeated_letters(tmp_path):
    model = small_project(tmp_path)
    assert model.guess("multumesc", {"ro", "pl"})[0] == "ro"
    assert model.guess("dziekuje", {"ro", "pl"})[0] == "pl"
    assert model.guess("multumeeesc", {"ro", "pl"})[0] == "ro"


def test_place_names_of_several_locales_tell_no_language(tmp_path):
    model = small_project(tmp_path)
    assert model.guess("London", {"ro", "pl", "en"}) == (None, 0.0)
    assert model.guess("Zagreb, mulțumesc", {"ro", "pl", "en"})[0] == "ro"


def test_nothing_known_is_no_guess(tmp_path):
    model = small_project(tmp_path)
    assert model.guess("1234 !!", {"ro", "pl"}) == (None, 0.0)
    assert model.guess("mulțumesc", set()) == (None, 0.0)


def test_posterior_is_a_distribution_and_repeatable(tmp_path):
    first, second = small_project(tmp_path), small_project(tmp_path)
    for text in ("mulțumesc", "hello", "dzień", "ok", "bună dzień hello"):
        posterior = first.posterior(text, {"ro", "pl", "en"})
        assert all(0.0 <= p <= 1.0 for p in posterior.values())
        assert abs(sum(posterior.values()) - 1.0) < 1e-9
        assert posterior == second.posterior(text, {"ro", "pl", "en"})


def test_ties_go_alphabetically():
    assert language_model.best({"ro": 0.5, "hr": 0.5}) == ("hr", 0.5)
    assert language_model.best({}) == (None, 0.0)


def test_script_only_languages_are_the_script_rules():
    assert language_model.SCRIPT_ONLY == {code for code, _ in language.SCRIPT_RULES}


def test_project_model_knows_every_language_the_scripts_do_not_decide():
    known = set(project_model().languages)
    shipped = {p.stem for p in (ROOT / "locales").glob("*.yml")} - {"helplines"}
    assert shipped - language_model.SCRIPT_ONLY <= known
