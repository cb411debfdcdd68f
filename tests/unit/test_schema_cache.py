"""The schema cache (rasa_ext/schema_cache.py) must validate exactly as jsonschema does."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator
from rasa.shared.exceptions import RasaException

import rasa_ext  # noqa: F401  (installs the cache, as the Rasa server does when it loads our components)
from rasa_ext import schema_cache

SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


def test_rasa_uses_the_cache():
    assert jsonschema.validate is schema_cache.validate


def test_valid_passes_and_invalid_raises():
    schema_cache.validate({"n": 1}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        schema_cache.validate({"n": "one"}, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        schema_cache.validate({}, SCHEMA)


def test_a_bad_schema_is_still_refused():
    with pytest.raises(jsonschema.SchemaError):
        schema_cache.validate({}, {"type": "no-such-type"})


def test_one_validator_per_schema():
    schema_cache.validate({"n": 1}, dict(SCHEMA))
    size = len(schema_cache._VALIDATORS)
    for n in range(20):
        schema_cache.validate({"n": n}, dict(SCHEMA))  # equal schemas, new dicts: Rasa rebuilds them
    assert len(schema_cache._VALIDATORS) == size


def test_rasa_still_rejects_a_malformed_action_server_reply():
    action = RemoteAction("action_anything", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result({"events": "not a list", "responses": []})


def test_rasa_still_rejects_a_malformed_nlg_reply():
    assert CallbackNaturalLanguageGenerator.validate_response({"text": "hello", "buttons": []})
    with pytest.raises(RasaException):
        CallbackNaturalLanguageGenerator.validate_response({"text": 42})
