"""The schema cache (rasa_ext/schema_cache.py) must validate exactly as jsonschema does."""

from __future__ import annotations

import subprocess
import sys

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.exceptions import RasaException

from rasa_ext import schema_cache
from rasa_ext.tracker_store import ForgettingTrackerStore

SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


@pytest.fixture(autouse=True, scope="module")
def rasa_server_store() -> ForgettingTrackerStore:
    """The Rasa server creates our tracker store at start-up, which installs the cache."""
    return ForgettingTrackerStore(Domain.empty(), ttl_minutes=30, max_minutes=240)


def test_rasa_uses_the_cache_once_the_server_store_exists():
    assert jsonschema.validate is schema_cache.validate


def test_importing_rasa_ext_patches_nothing():
    code = "import jsonschema, rasa_ext, rasa_ext.tokenizer; print(jsonschema.validate.__module__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "jsonschema.validators"


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
