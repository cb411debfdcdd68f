"""Find an event's class by its type name once, not on every event of every turn.

Rasa rebuilds a conversation from its stored events on every message, and for each event walks the
whole tree of Event subclasses (`Event.resolve_by_type` -> `all_subclasses`). Profiling a Rasa worker
under typed load (py-spy, 50 sessions, the free-text dialogues) put 12 % of its CPU time in that walk.
`install()` keeps a map from type name to class, built from the same walk the first time a name is
asked for; a name the map does not know still goes through Rasa's own lookup (and its errors).
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import Event

_ORIGINAL = Event.resolve_by_type
_BY_NAME: dict[str, Any] = {}


def resolve_by_type(type_name: str, default: Any = None) -> Any:
    """Same contract as `Event.resolve_by_type`."""
    found = _BY_NAME.get(type_name)
    if found is not None:
        return found
    resolved = _ORIGINAL(type_name, default)
    if resolved is not None and getattr(resolved, "type_name", None) == type_name:
        _BY_NAME[type_name] = resolved  # only a real match is kept, never a default
    return resolved


def install() -> None:
    """Idempotent."""
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
