"""The redaction corpus (tests/data/redaction/, written apart from the rules): every identifier goes, every
harmless message stays. The Redactor is built as the app builds it (benchmarks/redaction.py loads it all,
for this test and for `python -m benchmarks.redaction`, which prints the same figures per language)."""

from __future__ import annotations

import pytest

from benchmarks.redaction import (
    REDACTED,
    build_redactor,
    false_alarm,
    load_harmless,
    load_identifiers,
    missed,
    name_examples,
)
from bot.turn.redaction.text import prepare

IDENTIFIERS = load_identifiers()
HARMLESS = load_harmless()
# Misses no general rule here can catch, with why; `python -m benchmarks.redaction` still counts them.


@pytest.fixture(scope="module")
def redactor():
    return build_redactor()


def _ids(items: list[dict], key: str) -> list[str]:
    return [f"{n}-{item['lang']}-{item.get(key, 'harmless')}" for n, item in enumerate(items, 1)]


@pytest.mark.parametrize("item", IDENTIFIERS, ids=_ids(IDENTIFIERS, "kind"))
def test_every_identifier_is_removed(redactor, item):
    left = missed(redactor, item)
    assert not left, f"{item['lang']} {item['kind']}: still there: {left}"


@pytest.mark.parametrize("item", HARMLESS, ids=_ids(HARMLESS, "kind"))
def test_every_harmless_message_is_unchanged(redactor, item):
    changed = false_alarm(redactor, item["text"])
    assert changed is None, f"{item['lang']}: changed to {changed}"


EXAMPLES = name_examples()


@pytest.mark.parametrize(("lang", "text", "name"), EXAMPLES, ids=[f"{e[0]}-{n}" for n, e in enumerate(EXAMPLES, 1)])
def test_each_locale_example_loses_exactly_its_name(redactor, lang, text, name):
    """The locales' `redaction.examples` are the contract between their phrases and the name rules here."""
    clean, kinds = redactor.redact(text)
    assert (clean, kinds) == (prepare(text).text.replace(name, REDACTED, 1), ["name"])
