"""The language model of this checkout (nlu/ and locales/), built once for the tests that need it."""

from __future__ import annotations

from functools import cache

from bot.runtime.settings import ROOT
from bot.turn.language_model import LanguageModel


@cache
def project_model() -> LanguageModel:
    return LanguageModel.from_files(ROOT / "nlu", ROOT / "locales")
