"""`python -m benchmarks.redaction`: how much personal data redaction catches, per language, and how often it
changes a harmless message, on tests/data/redaction/ (written apart from the rules, all data invented).

- identifiers.yml: {lang, kind, text, remove: [substrings that must be gone]};
- harmless.yml: {lang, text}: must come back as typed (up to NFKC) with no kinds.

The Redactor is built as the app builds it: every locale's introduction phrases, the helpline directory's
numbers kept. The loading lives here, once; tests/unit/test_redaction_corpus.py imports it. The report
names misses by language, kind and item number only, and prints false alarms as redacted.
"""

from __future__ import annotations

import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.common.yaml_files import read_yaml
from bot.content.locales import load_catalog
from bot.runtime.settings import ROOT
from bot.turn.privacy import REDACTED, Redactor, redactor_for
from bot.turn.redaction.text import prepare

CORPUS = ROOT / "tests" / "data" / "redaction"
IDENTIFIERS = CORPUS / "identifiers.yml"
HARMLESS = CORPUS / "harmless.yml"
LOCALES = ROOT / "locales"


def name_examples(locales: Path = LOCALES) -> list[tuple[str, str, str]]:
    """(lang, text, name) from every locale's `redaction.examples`."""
    catalog = load_catalog(locales)
    return [(code, text, name) for code, loc in catalog.locales.items() for text, name in loc.introduction_examples]


def build_redactor() -> Redactor:
    """Built exactly as the running gateway builds it, from the loaded catalog."""
    return redactor_for(load_catalog(LOCALES))


def load_identifiers(path: Path = IDENTIFIERS) -> list[dict[str, Any]]:
    return list(read_yaml(path) or []) if path.exists() else []


def load_harmless(path: Path = HARMLESS) -> list[dict[str, Any]]:
    return list(read_yaml(path) or []) if path.exists() else []


def _visible(text: str) -> str:
    """NFKC without any format character: an invisible character must not hide a substring left behind."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")


def missed(redactor: Redactor, item: dict[str, Any]) -> list[str]:
    """The item's `remove` substrings still in the redacted text, as typed or normalised."""
    clean, _ = redactor.redact(item["text"])
    visible = _visible(clean)
    return [part for part in item["remove"] if part in clean or _visible(part) in visible]


def false_alarm(redactor: Redactor, text: str) -> tuple[str, list[str]] | None:
    """(redacted text, kinds) when a harmless message is changed beyond normalisation, else None."""
    clean, kinds = redactor.redact(text)
    if clean == prepare(text).text and not kinds:
        return None
    return clean, kinds


def hundred_character_messages(items: list[dict[str, Any]]) -> list[str]:
    """The corpus of each language run together and cut every 100 characters: messages of typical length
    and content (most corpus messages are shorter)."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for item in items:
        by_lang[item["lang"]].append(item["text"])
    out = []
    for texts in by_lang.values():
        stream = " ".join(texts)
        out += [stream[i : i + 100] for i in range(0, len(stream) - 99, 100)]
    return out


def timing(redactor: Redactor, texts: list[str], rounds: int = 20) -> float:
    """Mean microseconds per redaction over the texts (0 for none)."""
    if not texts:
        return 0.0
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            redactor.redact(text)
    return (time.perf_counter() - start) / (rounds * len(texts)) * 1e6


def main() -> None:
    redactor = build_redactor()
    identifiers, harmless = load_identifiers(), load_harmless()
    if not identifiers and not harmless:
        print(f"No corpus in {CORPUS}.")
        return
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses, alarms = [], []
    for number, item in enumerate(identifiers, 1):
        row = rows[item["lang"]]
        row["identifiers"] += 1
        if missed(redactor, item):
            row["missed"] += 1
            misses.append(f"  {item['lang']:<4}{item['kind']:<22}identifiers.yml item {number}")
        else:
            row["caught"] += 1
    for item in harmless:
        row = rows[item["lang"]]
        row["harmless"] += 1
        changed = false_alarm(redactor, item["text"])
        if changed:
            row["false alarms"] += 1
            alarms.append(f"  {item['lang']:<4}{','.join(changed[1]) or '-':<22}{changed[0]}")
    columns = ("identifiers", "caught", "missed", "harmless", "false alarms")
    print(f"{'lang':<6}" + "".join(f"{c:>14}" for c in columns))
    for lang in sorted(rows):
        print(f"{lang:<6}" + "".join(f"{rows[lang][c]:>14}" for c in columns))
    print(f"{'all':<6}" + "".join(f"{sum(r[c] for r in rows.values()):>14}" for c in columns))
    print(
        "\n".join(["", f"Missed: {len(misses) or 'none'}", *misses, f"False alarms: {len(alarms) or 'none'}", *alarms])
    )
    texts = [item["text"] for item in identifiers] + [item["text"] for item in harmless]
    hundreds = hundred_character_messages(identifiers + harmless)
    plain = [t for t in hundreds if not any(ch.isdigit() for ch in t)]
    print(
        f"\nTime per redaction of a 100-character message: {timing(redactor, hundreds):.0f} µs on average over "
        f"{len(hundreds)} ({timing(redactor, plain):.0f} µs for the {len(plain)} without a digit); "
        f"{timing(redactor, texts):.0f} µs per corpus message as written. Each identifier becomes {REDACTED!r}."
    )


if __name__ == "__main__":
    main()
