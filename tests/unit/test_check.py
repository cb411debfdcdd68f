"""`make check` (bot.content.check) catches each kind of operator error, naming file, key and language."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from bot.common.yaml_files import read_yaml
from bot.content import check
from bot.runtime.settings import ROOT

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of everything an operator edits (and the code scanned for numbers)."""
    for name in ("locales", "nlu", "domain", "stories", "bot", "actions", "rasa_ext"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def errors(tree: Path) -> list[str]:
    problems, _ = check.run(tree, TODAY)
    return [p.message for p in problems if p.severity == "error"]


def edit_yaml(path: Path, change) -> None:
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def other_language(tree: Path) -> str:
    codes = sorted(p.stem for p in (tree / "locales").glob("*.yml") if p.stem not in ("en", "helplines"))
    if codes:
        return codes[0]
    shutil.copy(tree / "locales" / "en.yml", tree / "locales" / "xx.yml")
    shutil.copytree(tree / "nlu" / "en", tree / "nlu" / "xx")
    return "xx"


def test_the_real_tree_has_no_errors():
    assert errors(ROOT) == []


def test_missing_key_names_file_key_and_language(tree):
    lang = other_language(tree)
    edit_yaml(tree / "locales" / f"{lang}.yml", lambda d: d["responses"].pop("utter_help"))
    assert f"locales/{lang}.yml: responses.utter_help is missing (present in en)" in errors(tree)


def test_placeholder_mismatch(tree):
    lang = other_language(tree)
    edit_yaml(
        tree / "locales" / f"{lang}.yml",
        lambda d: d["responses"]["utter_goodbye"].update(text="Bye {helpline.acas.phone}"),
    )
    assert any(m.startswith(f"locales/{lang}.yml: utter_goodbye.text: placeholders") for m in errors(tree))


def test_phone_number_in_a_text(tree):
    edit_yaml(tree / "locales" / "en.yml", lambda d: d["responses"]["utter_goodbye"].update(text="Ring 0800 555 1234"))
    assert any("locales/en.yml: utter_goodbye.text: phone number '0800 555 1234'" in m for m in errors(tree))


def test_phone_number_in_code(tree):
    (tree / "bot" / "sneaky.py").write_text('NUMBER = "0800 555 1234"\n', encoding="utf-8")
    assert any(m.startswith("bot/sneaky.py:1: phone number") for m in errors(tree))


def test_directory_entry_without_source(tree):
    edit_yaml(tree / "locales" / "helplines.yml", lambda d: d["regions"]["GB"]["services"]["acas"].pop("source"))
    assert any("GB.acas: missing 'source'" in m for m in errors(tree))


def test_directory_bad_number_format(tree):
    edit_yaml(
        tree / "locales" / "helplines.yml", lambda d: d["regions"]["GB"]["services"]["acas"].update(phone="0800-ACAS")
    )
    assert any("GB.acas: 'phone'" in m for m in errors(tree))


def test_stale_directory_entry_is_a_warning(tree):
    edit_yaml(
        tree / "locales" / "helplines.yml", lambda d: d["regions"]["GB"]["services"]["acas"].update(verified="2025-01")
    )
    problems, _ = check.run(tree, TODAY)
    assert any(p.severity == "warning" and "GB.acas was verified 2025-01" in p.message for p in problems)


def test_too_few_examples(tree):
    path = tree / "nlu" / "en" / "core.yml"
    edit_yaml(path, lambda d: next(b for b in d["nlu"] if b["intent"] == "goodbye").update(examples="- bye\n"))
    assert any("nlu/en/: intent goodbye has 1 example(s)" in m for m in errors(tree))


def test_same_example_under_two_intents(tree):
    path = tree / "nlu" / "en" / "core.yml"

    def duplicate(d):
        block = next(b for b in d["nlu"] if b["intent"] == "goodbye")
        block["examples"] += "- hello there\n"

    edit_yaml(path, duplicate)
    assert any("'hello there' is under both" in m for m in errors(tree))


def test_held_out_example_in_training(tree):
    heldout = tree / "benchmarks" / "heldout" / "en"
    heldout.mkdir(parents=True)
    (heldout / "core.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - Hello There\n', encoding="utf-8"
    )
    assert any("held-out example 'Hello There' is also in nlu/en/" in m for m in errors(tree))


def test_domain_responses_out_of_date(tree):
    (tree / "domain" / "responses.yml").write_text('version: "3.1"\nresponses: {}\n', encoding="utf-8")
    assert any("domain/responses.yml is out of date" in m for m in errors(tree))


def test_coverage_table_lists_every_language():
    _, table = check.run(ROOT, TODAY)
    codes = {p.stem for p in (ROOT / "locales").glob("*.yml")} - {"helplines"}
    assert {line.split()[0] for line in table[1:]} == codes


def test_a_text_asking_for_identifying_details(tree):
    lang = other_language(tree)
    example = read_yaml(tree / "locales" / f"{lang}.yml")["privacy"]["examples"][0]
    edit_yaml(tree / "locales" / f"{lang}.yml", lambda d: d["responses"]["utter_goodbye"].update(text=example))
    assert any(
        m.startswith(f"locales/{lang}.yml: responses.utter_goodbye.text: seems to ask for identifying details")
        for m in errors(tree)
    )


def test_a_language_without_privacy_lists(tree):
    lang = other_language(tree)
    edit_yaml(tree / "locales" / f"{lang}.yml", lambda d: d.pop("privacy"))
    assert f"locales/{lang}.yml: privacy: needs identifying, requests and examples, so its texts can be scanned" in (
        errors(tree)
    )


def test_a_text_shown_in_croatia_may_not_name_a_uk_only_service_or_concept():
    from bot.content.check import check_region_hr
    from bot.content.helplines import load_directory
    from bot.content.locales import parse_locale

    directory = load_directory(ROOT / "locales" / "helplines.yml")
    base = read_yaml(ROOT / "locales" / "en.yml")

    def problems(response: dict) -> list[str]:
        data = {**base, "responses": {"utter_x": response}}
        return [p.message for p in check_region_hr({"en": parse_locale(data, "en", "locales/en.yml")}, directory)]

    assert problems({"text": "Call {helpline.msh.phone}."})  # the UK helpline would show, labelled (UK)
    assert problems({"text": "Ask about the NRM.", "region_text": {"HR": "Ask about the nrm here."}})
    assert problems({"text": "Danger: {helpline.emergency.phone}.", "channel_text": {"telegram": "A First Responder"}})
    croatian = {"HR": "Call {helpline.hr_trafficking.phone}."}
    assert not problems({"text": "Call {helpline.msh.phone}.", "region_text": croatian})
    assert not problems({"text": "Danger now: {helpline.emergency.phone}."})  # 112 in Croatia
