"""Text folding shared by the tokenizer (inside Rasa) and the gateway; imports nothing heavy."""

from __future__ import annotations

import unicodedata

# Letters that carry no combining mark but that phone users replace by their plain twin.
PLAIN = str.maketrans({"đ": "d", "ł": "l", "ı": "i", "ø": "o", "ß": "ss", "’": "'"})


def normalise(word: str) -> str:
    """Case-fold and drop combining marks (accents, Arabic short vowels)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(PLAIN))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)
