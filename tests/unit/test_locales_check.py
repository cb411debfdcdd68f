"""The cross-language checks catch each kind of error by file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.common.yaml_files import read_yaml
from bot.content.locales import LocaleError, check_catalog, load_catalog, parse_locale
from bot.runtime.settings import ROOT


@pytest.fixture
def locales_dir(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", target)
    return target


def _edit(path: Path, change) -> None:
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _second_language(locales_dir: Path, drop: str | None = None) -> Path:
    """A copy of English as 'xx', optionally missing one response; every language names it."""
    for other in locales_dir.glob("*.yml"):
        if other.name != "helplines.yml":
            _edit(other, lambda d: d["languages"].update(xx="Testish"))
    data = read_yaml(locales_dir / "en.yml")
    if drop:
        del data["responses"][drop]
    path = locales_dir / "xx.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_new_language_every_locale_must_name_is_refused_but_english_keeps_working(locales_dir):
    data = read_yaml(locales_dir / "en.yml")
    (locales_dir / "xx.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LocaleError, match=r"locales/xx.yml: en.yml must name it: add languages.xx"):
        load_catalog(locales_dir)
    catalog = load_catalog(locales_dir, drop_invalid=True)  # start-up: the new language is left out
    assert "xx" not in catalog.locales and "en" in catalog.locales


def test_a_language_name_missing_in_one_locale_is_named(locales_dir):
    _edit(locales_dir / "fr.yml", lambda d: d["languages"].pop("ar"))
    with pytest.raises(LocaleError, match=r"locales/fr.yml: languages.ar is missing"):
        load_catalog(locales_dir)


def test_real_locales_pass():
    catalog = load_catalog(ROOT / "locales")
    assert [p for p in check_catalog(catalog.locales, catalog.directory) if p.severity == "error"] == []


def test_missing_key_in_a_language_is_named(locales_dir):
    _second_language(locales_dir, drop="utter_help")
    with pytest.raises(LocaleError, match=r"locales/xx.yml: responses.utter_help is missing"):
        load_catalog(locales_dir)


def test_phone_number_in_a_text_is_refused(locales_dir):
    _edit(locales_dir / "en.yml", lambda d: d["responses"]["utter_goodbye"].update(text="Call 0800 123 4567 now"))
    with pytest.raises(LocaleError, match=r"utter_goodbye.text: phone number"):
        load_catalog(locales_dir)


def test_bare_emergency_short_code_is_refused(locales_dir):
    _edit(locales_dir / "en.yml", lambda d: d["responses"]["utter_goodbye"].update(text="In danger call 999."))
    with pytest.raises(LocaleError, match=r"phone number '999'"):
        load_catalog(locales_dir)


def test_unknown_service_placeholder_is_refused(locales_dir):
    _edit(locales_dir / "en.yml", lambda d: d["responses"]["utter_goodbye"].update(text="Call {helpline.nope.phone}"))
    with pytest.raises(LocaleError, match=r"unknown service 'nope'"):
        load_catalog(locales_dir)


def test_placeholders_must_match_across_languages(locales_dir):
    path = _second_language(locales_dir)
    _edit(path, lambda d: d["responses"]["utter_help"].update(text="Help: {helpline.emergency.phone}"))
    with pytest.raises(LocaleError, match=r"xx.yml: utter_help.text: placeholders"):
        load_catalog(locales_dir)


def test_meta_is_required():
    with pytest.raises(LocaleError, match="meta.reviewed"):
        parse_locale(
            {"meta": {"name": "X", "native_name": "X", "direction": "ltr"}, "responses": {"a": "b"}},
            "xx",
            "locales/xx.yml",
        )
