"""A tokenizer for one model over fifteen languages: words for spaced scripts, single Han characters.

Rasa's WhitespaceTokenizer drops CJK text and JiebaTokenizer only accepts `language: zh`; this one keeps
every script. Tokens are case-folded and stripped of accents, so "Hrvatska" and "hrvatska", "ne znam"
and "né znám" (typed without accents on a phone) meet the same features.
"""

from __future__ import annotations

from typing import Any

import regex
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.common.folding import fold

CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"
TOKEN_RE = regex.compile(rf"[{CJK}]|[^\W{CJK}]+(?:['’][^\W{CJK}]+)*")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MultiScriptTokenizer(Tokenizer):
    """Whitespace-and-script tokenizer that keeps Han characters and folds accents."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MultiScriptTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute) or ""
        tokens = [Token(fold(m.group()), m.start(), end=m.end()) for m in TOKEN_RE.finditer(text)]
        if not tokens:  # only punctuation or emoji: one token so featurizers see something
            return [Token(text, 0)] if text else []
        return self._apply_token_pattern(tokens)
