"""The language model and place data of this checkout (nlu/, locales/), built once for the tests that need them."""

from __future__ import annotations

from functools import cache

from bot.runtime.settings import ROOT
from bot.turn.language_model import LanguageModel
from bot.turn.region import PlaceData


@cache
def project_model() -> LanguageModel:
    return LanguageModel.from_files(ROOT / "nlu", ROOT / "locales")


@cache
def project_places() -> PlaceData:
    """Towns, countries and ordinary words for region matching (about a second to build)."""
    languages = [p.stem for p in (ROOT / "locales").glob("*.yml") if p.stem != "helplines"]
    return PlaceData.load(languages, ROOT / "nlu")
