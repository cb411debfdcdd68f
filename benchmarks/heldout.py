"""Reading the evaluation data, never used for training.

- benchmarks/heldout/<lang>/*.yml: NLU examples with their intents (intent accuracy, and language ID);
- benchmarks/langid/<lang>.txt: short chat messages (1-2 words), one per line, for language ID only.
  They were written apart from the training data, by a writer who did not see nlu/ or locales/, because
  the held-out examples hold only ~15 messages of 1-2 words per language: one miss moved a figure 7 points.
"""

from __future__ import annotations

from pathlib import Path

from bot.content.nlu_files import nlu_examples, plain

HELDOUT = Path(__file__).resolve().parent / "heldout"
SHORT = Path(__file__).resolve().parent / "langid"


def load(root: Path = HELDOUT) -> dict[str, list[tuple[str, str]]]:
    """language -> [(text, intent)]."""
    return {
        lang: [(plain(example), intent) for intent, items in intents.items() for example, _ in items]
        for lang, intents in nlu_examples(root).items()
    }


def load_short(root: Path = SHORT) -> dict[str, list[str]]:
    """language -> [short message], from <root>/<lang>.txt (blank lines and lines starting with # skipped)."""
    out: dict[str, list[str]] = {}
    for file in sorted(root.glob("*.txt")):
        lines = (line.strip() for line in file.read_text(encoding="utf-8").splitlines())
        out[file.stem] = [line for line in lines if line and not line.startswith("#")]
    return out
