"""Numbers that are quantities, never identifiers: times and amounts of money.

People describing exploitation write shifts ("7:30", "19h00") and wages ("1 200 000 dong", "£450");
these must reach the assistant intact, so the phone detector is told to leave them alone. They are
found on the lower-case detection copy (ASCII digits, dashes as '-'). Ranges and years are judged by
the phone detector itself, on the whole digit run, so that no part of a phone number passes for one.
"""

from __future__ import annotations

import re

# A digit group that does not continue a longer number on either side ("07700 . 900 12.30" is no time).
_START = r"(?<![0-9])(?<![0-9][./ -])(?<![0-9] [./-])"
_END = r"(?![0-9])(?![./ -][0-9])(?![./-] [0-9])"

TIME = re.compile(_START + r"[0-9]{1,2}\s?(?::|h|\.)\s?[0-9]{2}(?:\s?[ap]\.?m\b\.?)?" + _END)

# Currencies and the words that make a number an amount ("2 mil", "1.5 triệu", "3 万").
CURRENCY_WORDS = (
    r"pounds?|quid|pence|p|gbp|euros?|eur|dollars?|usd|bucks|dong|đồng|dồng|đ|vnd|k|kn|kuna|kune|hrk|lei|leu|ron|"
    r"zł|zl|złotych|zlotych|złote|zlote|złoty|zloty|pln|lek|lekë|leke|rub|руб\w*|р|грн|гривень|гривні|гривня|"
    r"uah|yuan|rmb|cny|元|块|塊|万|тыс\w*|тис\w*|млн|million|millions|millones|milhões|mil|triệu|trieu|nghìn|"
    r"nghin|ngàn|ngan|tys|tysięcy|tysiecy|mii|milioane|mijë|mije|تومان|تومن|ریال|ريال|دينار|درهم|ليرة|لیر|"
    r"جنيه|دولار|يورو|یورو|پوند|جنيه|افغانی|افغاني|afn|birr|ብር|nakfa|ናቕፋ|naira|ngn|rupees?|rs|pesos?|mxn|reais|"
    r"real|brl|sdg|syp|iqd|irr|etb|ern"
)
_SYMBOL = r"[$£€¥₫₴₽₦₹﷼₺]|r\$"
# Written before an amount: codes only ("EUR 450"), not words that also follow numbers in other senses.
_CODES = r"gbp|eur|usd|vnd|hrk|kn|ron|pln|rub|uah|rmb|cny|afn|mxn|brl|ngn|sdg|syp|iqd|irr|etb|ern|lek|rs"
_AMOUNT = r"[0-9]{1,3}(?:[ .,'][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]{1,2})?"
PRICE = re.compile(
    rf"(?:{_SYMBOL}|\b(?:{_CODES})\b\.?)\s?(?:{_AMOUNT})(?![0-9])"
    rf"|(?<![0-9])(?<![0-9][ .,'])(?:{_AMOUNT})\s?(?:{_SYMBOL}|(?:{CURRENCY_WORDS})(?![^\W\d_]))",
)


def quantity_spans(lower: str) -> list[tuple[int, int]]:
    """Where the lower-case detection copy holds a time or an amount of money."""
    return [m.span() for pattern in (PRICE, TIME) for m in pattern.finditer(lower)]
