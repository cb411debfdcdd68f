"""In-domain language identification: naive Bayes over character 1-4-grams and whole words.

Why not a general-purpose detector: on the held-out examples (benchmarks/heldout, never trained on),
of the 1-2-word messages of the Latin-script languages seeded langdetect gets 28-73 % right and
lingua-language-detector restricted to our languages 57-88 % (about 230 MB once its models are loaded;
its low-accuracy mode, 20 MB, 33-87 %). Short messages here are chat words of the shipped languages
("da", "nu", "tak", "ne", "ok", "merci", unaccented spellings), and this project already holds thousands
of them: the NLU examples (nlu/<lang>/*.yml) and the texts of every locale (locales/<lang>.yml). Naive
Bayes trained on those at start-up (about a second; about 45 MB RSS, less than langdetect's 66 MB) gets
87-100 % of 1-2-word messages (held-out examples and benchmarks/langid/, ~75 per language; langdetect
30-75 %), 98-100 % of 3-5 and 100 % of 6+ words, in about 0.1 ms per message (langdetect: about 4 ms).
Adding lingua's confidence to it changed nothing on held-out data.
`python -m benchmarks.accuracy --langid-only` prints the figures, against plain langdetect.

Details that matter:
- every language's NLU examples weigh as much in total as the median language's, so a language with
  more examples does not swallow the words it shares with others ("ok", "salam", "da");
- accent-stripped copies of Latin-script texts ("pershendetje", "multumesc", "chao ban"), as users type;
- single-word place names that three or more locales list under `regions.*.words` (London, Zagreb,
  Rijeka...) say nothing about the language and are ignored;
- an unknown word with repeated letters is read as the known word without them ("nuu", "daaa");
- scores are tempered (TEMPERATURE) so that the confidence is calibrated for bot.turn.language's thresholds:
  in 5-fold cross-validation on the NLU examples, of ~12,000 messages of 3+ words or 12+ letters 95 %
  reached 0.90; 7 of those were wrong: 6 English messages among other languages' examples ("english
  please", "ok thanks bye") and one Ukrainian one read as Russian ("я safeguarding lead").

Deterministic: the same files give the same model and the same answers. Nothing a user writes is kept.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bot.common.folding import letters, strip_latin_accents
from bot.common.yaml_files import YAMLError, read_yaml
from bot.content.nlu_files import nlu_examples, plain
from bot.content.placeholders import without_placeholders

logger = logging.getLogger(__name__)

MAX_N = 4  # character n-grams of 1..MAX_N, over each word padded with spaces
ALPHA = 0.5  # additive smoothing
TEMPERATURE = 12.0  # log-likelihoods are divided by this before the softmax (calibration, see above)
# A whole known word counts as this many character n-grams: "combien" or "puna" is stronger evidence than
# the letters it shares with other languages. 5-fold cross-validation on the NLU examples: 1-2-word
# messages 81.6 -> 83.3 % (mean of the Latin-script languages), same number of confident errors.
WORD_WEIGHT = 3
STRIPPED_WEIGHT = 1.0  # weight of accent-stripped copies of Latin-script texts
NEUTRAL_MIN_LOCALES = 3  # a region word listed by this many locales is a place name, not a language cue
# Told by their script alone in bot.turn.language (Ge'ez, Han): not trained (a third of the features saved).
SCRIPT_ONLY = frozenset({"ti", "zh"})
WORD = "\x00"  # prefix of whole-word features (never inside a normalised text)

_REPEATS = re.compile(r"(\w)\1+")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_SKIP_KEYS = {"payload", "direction", "reviewed", "words", "privacy", "redaction"}  # not chat text (or handled apart)


def features(normalized: str) -> list[str]:
    """Each word's letters, its character 2..MAX_N-grams padded with spaces, and the word itself (WORD_WEIGHT times)."""
    out: list[str] = []
    for word in normalized.split():
        out.extend(word)
        padded = f" {word} "
        for n in range(2, MAX_N + 1):
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
        out.extend([WORD + word] * WORD_WEIGHT)
    return out


class LanguageModel:
    """Multinomial naive Bayes; `guess` picks among the candidate languages it knows."""

    def __init__(self, texts: dict[str, list[tuple[str, float]]], neutral: Iterable[str] = ()) -> None:
        """`texts`: language -> [(text, weight)]; `neutral`: words that are evidence for no language."""
        self.neutral = frozenset(letters(w) for w in neutral) - {""}
        self.languages: tuple[str, ...] = tuple(sorted(code for code, items in texts.items() if items))
        counts = [self._count(texts[code]) for code in self.languages]
        vocabulary = sorted(set().union(*counts))
        self._rows: dict[str, int] = {}  # feature -> offset of its row in the flat table
        width = len(self.languages)
        for row, feature in enumerate(vocabulary):
            self._rows[feature] = row * width
        # One flat float table (features x languages) of log P(feature | language): compact and fast.
        self._table = array("f", bytes(4 * len(vocabulary) * width))
        for col, counted in enumerate(counts):
            denominator = math.log(sum(counted.values()) + ALPHA * len(vocabulary))
            column = [math.log(ALPHA) - denominator] * len(vocabulary)
            for feature, count in counted.items():
                column[self._rows[feature] // width] = math.log(count + ALPHA) - denominator
            self._table[col::width] = array("f", column)

    def _count(self, items: list[tuple[str, float]]) -> Counter[str]:
        words: Counter[str] = Counter()  # features of each distinct word once: ~25x faster
        for text, weight in items:
            for word in self._clean(letters(text)).split():
                words[word] += weight
        total: Counter[str] = Counter()
        for word, count in words.items():
            for feature in features(word):
                total[feature] += count
        return total

    @classmethod
    def from_files(cls, nlu_dir: Path, locales_dir: Path, skip: Iterable[str] = SCRIPT_ONLY) -> LanguageModel:
        """Trained on nlu/<lang>/*.yml examples and locales/<lang>.yml texts, except the `skip` languages."""
        examples = _nlu_examples(nlu_dir)
        locale_texts, region_words = _locale_texts(locales_dir)
        for code in skip:
            examples.pop(code, None)
            locale_texts.pop(code, None)
        median = statistics.median(len(v) for v in examples.values()) if examples else 0
        texts: dict[str, list[tuple[str, float]]] = {}
        for code in sorted(set(examples) | set(locale_texts)):
            own = examples.get(code, [])
            weight = median / len(own) if own else 1.0
            items = [(t, weight) for t in own] + [(t, 1.0) for t in locale_texts.get(code, [])]
            stripped = [(strip_latin_accents(t), w * STRIPPED_WEIGHT) for t, w in items if strip_latin_accents(t) != t]
            texts[code] = items + stripped
        counted = Counter(w for words in region_words.values() for w in {letters(x) for x in words})
        neutral = {w for w, n in counted.items() if n >= NEUTRAL_MIN_LOCALES}
        return cls(texts, neutral)

    def _clean(self, normalized: str) -> str:
        words = normalized.split()
        kept = [w for w in words if w not in self.neutral]
        return " ".join(kept)

    def _known(self, normalized: str) -> str:
        """Unknown words with repeated letters ("nuu", "daaa") read as the known word without them."""
        words = []
        for word in normalized.split():
            if WORD + word not in self._rows:
                shorter = _REPEATS.sub(r"\1", word)
                if shorter != word and WORD + shorter in self._rows:
                    word = shorter
            words.append(word)
        return " ".join(words)

    def posterior(self, text: str, candidates: Iterable[str]) -> dict[str, float]:
        """Probability of each candidate it knows (tempered, sums to 1); empty when nothing in the text is known."""
        wanted = set(candidates)
        columns = [(col, code) for col, code in enumerate(self.languages) if code in wanted]
        if not columns:
            return {}
        scores = [0.0] * len(columns)
        seen = 0
        table, rows = self._table, self._rows
        for feature in features(self._known(self._clean(letters(text)))):
            row = rows.get(feature)
            if row is None:
                continue
            seen += 1
            for i, (col, _) in enumerate(columns):
                scores[i] += table[row + col]
        if not seen:
            return {}
        top = max(scores)
        weights = [math.exp((score - top) / TEMPERATURE) for score in scores]
        total = sum(weights)
        return {code: weight / total for (_, code), weight in zip(columns, weights, strict=True)}

    def guess(self, text: str, candidates: Iterable[str]) -> tuple[str | None, float]:
        """(best candidate, its probability); (None, 0.0) when nothing in the text is known."""
        return best(self.posterior(text, candidates))


def best(posterior: dict[str, float]) -> tuple[str | None, float]:
    """The most probable language; ties go to the first in alphabetical order (deterministic)."""
    if not posterior:
        return None, 0.0
    code = min(posterior, key=lambda c: (-posterior[c], c))
    return code, posterior[code]


def _nlu_examples(nlu_dir: Path) -> dict[str, list[str]]:
    if not nlu_dir.is_dir():
        return {}
    return {
        lang: [plain(example) for examples in intents.values() for example, _ in examples]
        for lang, intents in nlu_examples(nlu_dir, _read).items()
    }


def _locale_texts(locales_dir: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """language -> its texts (one per line, placeholders and addresses removed); language -> region words."""
    texts: dict[str, list[str]] = {}
    words: dict[str, list[str]] = {}
    if not locales_dir.is_dir():
        return texts, words
    for file in sorted(locales_dir.glob("*.yml")):
        data = _read(file)
        if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
            continue  # helplines.yml and anything else that is not a locale
        lines = []
        for leaf in _leaves(data):
            leaf = _URL.sub(" ", without_placeholders(leaf))
            lines.extend(line.strip() for line in leaf.splitlines() if line.strip())
        texts[file.stem] = lines
        regions = data.get("regions")
        for region in regions.values() if isinstance(regions, dict) else []:
            if isinstance(region, dict) and isinstance(region.get("words"), list):
                words.setdefault(file.stem, []).extend(str(w) for w in region["words"])
    return texts, words


def _leaves(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key) not in _SKIP_KEYS:
                yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    elif isinstance(node, str):
        yield node


def _read(file: Path) -> Any:
    try:
        return read_yaml(file) or {}
    except (OSError, YAMLError, UnicodeDecodeError) as exc:
        logger.warning("Language model: skipping %s (%s).", file, exc)
        return {}
