"""Write domain/responses.yml: Rasa must know the response names its stories, rules and forms use.

The words live in locales/; Rasa asks the NLG endpoint for every response, so the texts here are only
markers. Responses that only custom actions send need no declaration. Generated from the stories and
the forms (never edit it by hand); `make check` fails when it is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "domain" / "responses.yml"
HEADER = (
    "# GENERATED from the keys of locales/en.yml by scripts/sync_domain.py; do not edit.\n"
    "# Rasa needs each response name; the words come from locales/ through the NLG endpoint.\n"
)


ALWAYS = {"utter_default"}  # Rasa's core fallback action utters it


def needed_keys(root: Path = ROOT) -> set[str]:
    """utter_ names the rules/stories run, and utter_ask_<slot> for form slots."""
    keys = set(ALWAYS)
    for file in (root / "stories").rglob("*.yml"):
        keys |= set(re.findall(r"action:\s*(utter_[\w/]+)", file.read_text(encoding="utf-8")))
    for file in (root / "domain").glob("*.yml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for form in (data.get("forms") or {}).values():
            keys |= {f"utter_ask_{slot}" for slot in form.get("required_slots") or []}
    return keys


def expected(root: Path = ROOT) -> str:
    keys = sorted(needed_keys(root))
    lines = [HEADER, 'version: "3.1"\n', "responses:\n"]
    for key in keys:
        lines.append(f'  {key}:\n    - text: "[{key}]"\n')
    return "".join(lines)


def main(argv: list[str]) -> int:
    text = expected()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(
                "domain/responses.yml is out of date with locales/en.yml: run `make train` or "
                "`python -m scripts.sync_domain`",
                file=sys.stderr,
            )
            return 1
        return 0
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
        TARGET.write_text(text, encoding="utf-8")
        print("domain/responses.yml updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
