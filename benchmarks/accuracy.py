"""`python -m benchmarks.accuracy`: intent accuracy and macro-F1 per language on held-out examples,
and language-identification accuracy by message length, against plain langdetect.

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

from benchmarks.heldout import load
from bot.language import detect
from scripts.train_if_changed import model_path

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


def langid_table(data: dict[str, list[tuple[str, str]]], shipped: set[str]) -> list[str]:
    from langdetect import DetectorFactory, LangDetectException
    from langdetect import detect as plain_detect

    DetectorFactory.seed = 0
    ours: dict[tuple[str, str], list[bool]] = defaultdict(list)
    base: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for lang, items in data.items():
        for text, _ in items:
            words = len(text.split())
            bucket = next(name for name, low, high in BUCKETS if low <= words <= high)
            ours[(lang, bucket)].append(detect(text, shipped).language == lang)
            try:
                guess = plain_detect(text)
            except LangDetectException:
                guess = None
            base[(lang, bucket)].append({"zh-cn": "zh", "zh-tw": "zh"}.get(guess, guess) == lang)
    bars = ", ".join(f"{name} >= {bar:.0f} %" for name, bar in LANGID_BARS.items())
    header = f"{'lang':<6}" + "".join(f"{name:>22}" for name, _, _ in BUCKETS)
    rows = [
        f"Bars per language (DESIGN.md): {bars}; * marks lantern below its bar.",
        header,
        f"{'':<6}" + "".join(f"{'lantern / langdetect':>22}" for _ in BUCKETS),
    ]
    below = []
    for lang in sorted(data):
        cells = []
        for name, _, _ in BUCKETS:
            o, b = ours.get((lang, name), []), base.get((lang, name), [])
            short = bool(o) and 100 * sum(o) / len(o) < LANGID_BARS[name]
            if short:
                below.append(f"{lang} {name}")
            cells.append(f"{_pct(o, '*' if short else ''):>10} / {_pct(b):<9}" if o else f"{'-':>22}")
        rows.append(f"{lang:<6}" + "".join(f"{c:>22}" for c in cells))
    rows.append(f"Below the bar: {', '.join(below)}" if below else "Every language meets every bar.")
    return rows


def _pct(values: list[bool], mark: str = "") -> str:
    """Rounded down, so that a figure shown at the bar meets it."""
    return f"{100 * sum(values) // len(values)}%{mark} n={len(values)}" if values else "-"


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
    if args.languages:
        data = {k: v for k, v in data.items() if k in args.languages}
    shipped = set(load())
    if not args.langid_only:
        print("Intent accuracy on held-out examples (benchmarks/heldout/):")
        print("\n".join(asyncio.run(intent_table(data, args.model))))
        print()
    print("Language identification by message length (held-out examples):")
    print("\n".join(langid_table(data, shipped)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
