"""Send the NLG endpoint what it reads of a conversation, not every event of it.

Rasa's NLG request carries the whole conversation (`tracker.current_state(EventVerbosity.ALL)`) with
every response, so each reply encoded the full event list once per message it sent: 4 % of a Rasa
worker's CPU under typed load (py-spy), growing with the conversation. Lantern's NLG endpoint reads only
the latest message (its intent, entities and metadata) and the slots (bot/content/nlg.py). `install()`
sends the same state without its events: less CPU, and no conversation history crosses to the
endpoint at all.
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg import callback
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity


def nlg_request_format(
    utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
) -> dict[str, Any]:
    """Rasa's request body, with the tracker's state but no events."""
    response_id = kwargs.pop("response_id", None)
    return {
        "response": utter_action,
        "id": response_id,
        "arguments": kwargs,
        "tracker": tracker.current_state(EventVerbosity.NONE),
        "channel": {"name": output_channel},
    }


def install() -> None:
    """Idempotent: `generate` looks the function up in its module at call time."""
    callback.nlg_request_format = nlg_request_format
