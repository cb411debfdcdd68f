"""`python -m benchmarks.accuracy`: intent accuracy and macro-F1 per language on held-out examples,
and language-identification accuracy by message length, against plain langdetect.

Language identification is measured on the held-out examples plus benchmarks/langid/ (60 short chat
messages per language, written apart from the training data), so that the 1-2-word figure rests on
~75 messages per language instead of ~15.

Bars (DESIGN.md): macro-F1 >= 0.90 per language; language ID 1-2 words >= 85 %, 3-5 >= 95 %, 6+ >= 99 %.
With --langid-only, only language identification (no trained model needed).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.heldout import load, load_short
from bot.common.folding import letters as normalize
from bot.content.nlu_files import nlu_examples, plain
from bot.runtime.model_files import model_path
from bot.runtime.settings import ROOT
from bot.turn.language import detect
from bot.turn.language_model import LanguageModel

BUCKETS = (("1-2 words", 1, 2), ("3-5 words", 3, 5), ("6+ words", 6, 10_000))
LANGID_BARS = {"1-2 words": 85.0, "3-5 words": 95.0, "6+ words": 99.0}  # DESIGN.md, per language


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {gold for gold, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


async def intent_table(data: dict[str, list[tuple[str, str]]], model: str) -> list[str]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    rows = [f"{'lang':<6}{'n':>5}{'accuracy':>10}{'macro-F1':>10}  worst confusions"]
    for lang, items in sorted(data.items()):
        pairs = []
        for text, gold in items:
            parsed = await agent.parse_message(text)
            predicted = parsed["intent"]["name"]
            pairs.append((gold, predicted))
        accuracy = sum(g == p for g, p in pairs) / len(pairs)
        confusions = Counter((g, p) for g, p in pairs if g != p).most_common(3)
        worst = "; ".join(f"{g}->{p} x{n}" for (g, p), n in confusions)
        rows.append(f"{lang:<6}{len(pairs):>5}{accuracy:>10.3f}{macro_f1(pairs):>10.3f}  {worst}")
    return rows


def _labels(messages: dict[str, list[str]]) -> dict[str, set[str]]:
    """Normalised text -> every language whose evaluation data holds it ("salut": fr and ro; "ok")."""
    labels: dict[str, set[str]] = defaultdict(set)
    for lang, texts in messages.items():
        for text in texts:
            labels[normalize(text)].add(lang)
    return labels


def langid_table(
    messages: dict[str, list[str]], shipped: set[str], labels: dict[str, set[str]], model: LanguageModel
) -> list[str]:
    """A guess counts as right when it is the message's language, or another language whose writer wrote
    the very same message (the same normalised text in two languages' evaluation data)."""
    from langdetect import DetectorFactory, LangDetectException
    from langdetect import detect as plain_detect

    DetectorFactory.seed = 0
    ours: dict[tuple[str, str], list[bool]] = defaultdict(list)
    base: dict[tuple[str, str], list[bool]] = defaultdict(list)
    shared = 0
    for lang, texts in messages.items():
        for text in texts:
            accepted = labels[normalize(text)] | {lang}
            shared += len(accepted) > 1
            words = len(text.split())
            bucket = next(name for name, low, high in BUCKETS if low <= words <= high)
            ours[(lang, bucket)].append(detect(text, shipped, model).language in accepted)
            try:
                guess = plain_detect(text)
            except LangDetectException:
                guess = None
            base[(lang, bucket)].append({"zh-cn": "zh", "zh-tw": "zh"}.get(guess, guess) in accepted)
    bars = ", ".join(f"{name} >= {bar:.0f} %" for name, bar in LANGID_BARS.items())
    header = f"{'lang':<6}" + "".join(f"{name:>25}" for name, _, _ in BUCKETS)
    rows = [
        f"Bars per language (DESIGN.md): {bars}; * marks lantern below its bar.",
        f"{shared} messages are written the same in two or more languages; either language counts as right.",
        header,
        f"{'':<6}" + "".join(f"{'lantern / langdetect':>25}" for _ in BUCKETS),
    ]
    below = []
    for lang in sorted(messages):
        cells = []
        for name, _, _ in BUCKETS:
            o, b = ours.get((lang, name), []), base.get((lang, name), [])
            short = bool(o) and 100 * sum(o) / len(o) < LANGID_BARS[name]
            if short:
                below.append(f"{lang} {name}")
            cells.append(f"{_pct(o, '*' if short else ''):>11} / {_pct(b):<10}" if o else f"{'-':>25}")
        rows.append(f"{lang:<6}" + "".join(f"{c:>25}" for c in cells))
    rows.append(f"Below the bar: {', '.join(below)}" if below else "Every language meets every bar.")
    return rows


def short_table(
    short: dict[str, list[str]],
    trained: dict[str, set[str]],
    shipped: set[str],
    labels: dict[str, set[str]],
    model: LanguageModel,
) -> list[str]:
    """The short set alone, split by whether the message is also a training example of its language."""
    rows = [f"{'lang':<6}{'n':>5}{'all':>8}{'in training':>14}{'unseen':>10}"]
    for lang in sorted(short):
        seen, unseen = [], []
        for text in short[lang]:
            right = detect(text, shipped, model).language in labels[normalize(text)] | {lang}
            (seen if normalize(text) in trained.get(lang, set()) else unseen).append(right)
        everything, in_training = _percent(seen + unseen), f"{_percent(seen)} n={len(seen)}"
        rows.append(f"{lang:<6}{len(short[lang]):>5}{everything:>8}{in_training:>14}{_percent(unseen):>10}")
    return rows


def _trained(nlu_dir: Path) -> dict[str, set[str]]:
    return {
        lang: {normalize(plain(e)) for items in intents.values() for e, _ in items}
        for lang, intents in nlu_examples(nlu_dir).items()
    }


def _percent(values: list[bool]) -> str:
    """Rounded down, so that a figure shown at the bar meets it."""
    return f"{100 * sum(values) // len(values)}%" if values else "-"


def _pct(values: list[bool], mark: str = "") -> str:
    return f"{_percent(values)}{mark} n={len(values)}" if values else "-"


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.disable(logging.WARNING)
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=str(model_path()), help="model to measure (default: current)")
    parser.add_argument("--languages", nargs="*", help="only these languages")
    parser.add_argument("--langid-only", action="store_true", help="only language identification (no model needed)")
    args = parser.parse_args()
    data = load()
    short = load_short()
    messages = {lang: [text for text, _ in items] + short.get(lang, []) for lang, items in data.items()}
    # Who else wrote the same message is read from every language, whatever --languages selects.
    labels = _labels(messages)
    shipped = set(data)
    if args.languages:
        data = {k: v for k, v in data.items() if k in args.languages}
        short = {k: v for k, v in short.items() if k in args.languages}
        messages = {k: v for k, v in messages.items() if k in args.languages}
    if not args.langid_only:
        print("Intent accuracy on held-out examples (benchmarks/heldout/):")
        print("\n".join(asyncio.run(intent_table(data, args.model))))
        print()
    print("Language identification by message length (held-out examples and benchmarks/langid/ short messages):")
    model = LanguageModel.from_files(ROOT / "nlu", ROOT / "locales")
    print("\n".join(langid_table(messages, shipped, labels, model)))
    print()
    print("Short messages alone (benchmarks/langid/), by whether the same text is a training example:")
    print("\n".join(short_table(short, _trained(ROOT / "nlu"), shipped, labels, model)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
