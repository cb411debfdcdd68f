"""domain/responses.yml: Rasa must know the response names its stories, rules and forms use.

The words live in locales/; Rasa asks the NLG endpoint for every response, so the texts there are only
markers. Responses that only custom actions send need no declaration. Generated from the stories and
the forms (never edit it by hand): `make train` writes it, `make check` fails when it is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bot.common.names import UTTER_DEFAULT
from bot.common.yaml_files import read_yaml
from bot.runtime.settings import ROOT

HEADER = (
    "# GENERATED from the keys of locales/en.yml by bot/content/domain_responses.py; do not edit.\n"
    "# Rasa needs each response name; the words come from locales/ through the NLG endpoint.\n"
)
ALWAYS = {UTTER_DEFAULT}  # Rasa's core fallback action utters it


def target(root: Path = ROOT) -> Path:
    return root / "domain" / "responses.yml"


def needed_keys(root: Path = ROOT) -> set[str]:
    """utter_ names the rules/stories run, and utter_ask_<slot> for form slots."""
    keys = set(ALWAYS)
    for file in (root / "stories").rglob("*.yml"):
        keys |= set(re.findall(r"action:\s*(utter_[\w/]+)", file.read_text(encoding="utf-8")))
    for file in (root / "domain").glob("*.yml"):
        data = read_yaml(file) or {}
        for form in (data.get("forms") or {}).values():
            keys |= {f"utter_ask_{slot}" for slot in form.get("required_slots") or []}
    return keys


def expected(root: Path = ROOT) -> str:
    lines = [HEADER, 'version: "3.1"\n', "responses:\n"]
    for key in sorted(needed_keys(root)):
        lines.append(f'  {key}:\n    - text: "[{key}]"\n')
    return "".join(lines)


def is_current(root: Path = ROOT) -> bool:
    path = target(root)
    return path.exists() and path.read_text(encoding="utf-8") == expected(root)


def write(root: Path = ROOT) -> bool:
    """Rewrite the file when it is out of date; True when it changed."""
    if is_current(root):
        return False
    target(root).write_text(expected(root), encoding="utf-8")
    return True


if __name__ == "__main__":
    if write():
        print("domain/responses.yml updated")
    sys.exit(0)
