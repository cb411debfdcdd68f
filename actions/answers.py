"""Reading a typed reply against the question just asked: yes, no, not sure, skip, or a value.

A form asks one question at a time; what the person types next is read as an answer to *that*
question. The intent classifier alone reads "nobody's in danger at the moment" as an emergency (the
word "danger") and "she looks about 14" as nothing. Here the entities of rasa_ext/message_reader.py
(an answer phrase, an age, a sign, "nobody is in danger") and the intent are combined for the slot
requested. The context changes how a denial is read, never how a real emergency is: an emergency
message that does not read as an answer is left to the emergency rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.common.names import (
    ENTITY_AGE_HINT,
    ENTITY_ANSWER,
    ENTITY_ANSWER_ALONE,
    ENTITY_ANSWER_LEADS,
    ENTITY_DANGER_DENIED,
    ENTITY_NUMBER_REQUEST,
    ENTITY_SIGN_DENIED,
    ENTITY_UNDER_18,
    INTENT_INTERPRETER_CARD,
    INTENT_REPORT_EMERGENCY,
    SIGNS,
    UTTER_EMERGENCY,
    UTTER_HELP,
    UTTER_I_AM_A_BOT,
    UTTER_INTERPRETER_CARD,
)

EMERGENCY = INTENT_REPORT_EMERGENCY
# Intents answered by their own rules inside a form; the form then asks its question again.
SIDE_INTENTS = frozenset(
    {
        "ask_help",
        "ask_bot",
        INTENT_INTERPRETER_CARD,
        "change_language",
        "choose_language",
        "inform_location",
        "forget_me",
        "stop",
        "goodbye",
        "ask_referral",
        "ask_sector_signs",
        "ask_what_to_record",
        EMERGENCY,
    }
)
INTENT_READING = {"affirm": "yes", "deny": "no", "skip": "skip"}
SHORT_DENIAL_WORDS = 2  # "no", "no no": too short to be anything but an answer
WEAK_EMERGENCY = 0.35  # an emergency this unsure was promoted by the safety boost from a low probability
SURE_EMERGENCY = 0.8
SIDE_CONFIDENCE = 0.5  # below this, a side intent does not stop a plain answer from being read
QUESTION_MARKS = ("?", "？", "؟")  # a side question that asks ("what is the NRM?") is answered first
# Side questions a plain response answers (FAQs: utter_<intent>); commands always go to their rules.
COMMANDS = frozenset({"forget_me", "stop", "change_language", "choose_language"})
SIDE_RESPONSES = {
    "ask_help": UTTER_HELP,
    "ask_bot": UTTER_I_AM_A_BOT,
    INTENT_INTERPRETER_CARD: UTTER_INTERPRETER_CARD,
    EMERGENCY: UTTER_EMERGENCY,
}

# What each reading means for each question's slot (None: the reading does not answer it).
SIGN_SLOTS = tuple(f"sign_{sign}" for sign in SIGNS)
_SIGN_VALUES = {"yes": "yes", "no": "no", "skip": "skip", "unsure": "skip"}
VALUES: dict[str, dict[str, Any]] = {
    "safe_to_talk": {"yes": "yes", "no": "no", "unsure": "no", "skip": "no"},  # unsure: safety first
    "danger_now": {"yes": True, "no": False, "unsure": "unsure", "skip": "unsure"},
    "triage_resumed": {"yes": True, "no": False, "unsure": True, "skip": True},
    "under_18": {"yes": "yes", "no": "no", "unsure": "unsure", "skip": "unsure"},  # not sure counts as a child
    **{slot: _SIGN_VALUES for slot in SIGN_SLOTS},
}
DENIALS = frozenset({"no", "skip", "unsure", False})  # slot values that deny or do not confirm
# "Not sure" after a question asked twice without an answer.
MOVED_ON = {slot: values["unsure"] for slot, values in VALUES.items()}
QUESTIONS = frozenset(VALUES)


@dataclass(frozen=True)
class Message:
    """What the validation actions need of the latest user message."""

    intent: str | None
    confidence: float
    entities: dict[str, str]
    lead: bool  # the message starts with its answer phrase ("no, ...")
    words: int = 0
    question: bool = False  # the message carries a question mark
    alone: bool = False  # the answer phrase is a clause of its own ("no, ...") or the whole message

    @classmethod
    def of(cls, latest: dict[str, Any]) -> Message:
        intent = latest.get("intent") or {}
        entities: dict[str, str] = {}
        lead = alone = False
        for entity in latest.get("entities") or []:
            if isinstance(entity, dict) and isinstance(entity.get("entity"), str):
                entities.setdefault(entity["entity"], str(entity.get("value")))
                if entity["entity"] == ENTITY_ANSWER and entity.get("role") in (
                    ENTITY_ANSWER_LEADS,
                    ENTITY_ANSWER_ALONE,
                ):
                    lead = True
                    alone = alone or entity.get("role") == ENTITY_ANSWER_ALONE
        text = str(latest.get("text") or "")
        question = any(mark in text for mark in QUESTION_MARKS)
        confidence = float(intent.get("confidence") or 0.0)
        return cls(intent.get("name"), confidence, entities, lead, len(text.split()), question, alone)

    @property
    def emergency(self) -> bool:
        return self.intent == EMERGENCY

    @property
    def asks_number(self) -> bool:
        return ENTITY_NUMBER_REQUEST in self.entities

    @property
    def side(self) -> bool:
        """The classifier sees a question or command for its own rule (an FAQ, help, an emergency)."""
        side = self.intent in SIDE_INTENTS or (self.intent or "").startswith("faq_")
        return side and (self.confidence >= SIDE_CONFIDENCE or self.emergency)

    @property
    def command(self) -> bool:
        return self.intent in COMMANDS

    @property
    def side_response(self) -> str | None:
        """The response that answers this side question, when a plain response does (not a command)."""
        if (self.intent or "").startswith("faq_"):
            return "utter_" + str(self.intent)
        return SIDE_RESPONSES.get(self.intent or "")


def _value(slot: str, message: Message) -> str | None:
    """A reading from what the message describes: an age, a sign, "nobody is in danger"."""
    entities = message.entities
    if slot == "under_18":
        plain, hint = entities.get(ENTITY_UNDER_18), entities.get(ENTITY_AGE_HINT)
        if plain == "yes" or hint == "child":
            return "yes"
        if plain == "no" or hint == "adult":
            return "no"
    if slot in SIGN_SLOTS:
        if entities.get(slot) == "yes" and not (message.lead and entities.get(ENTITY_ANSWER) == "no"):
            return "yes"
        if slot.removeprefix("sign_") in entities.get(ENTITY_SIGN_DENIED, "").split():
            return "no"  # "nobody hits me"
    if slot == "danger_now" and entities.get(ENTITY_DANGER_DENIED) and entities.get(ENTITY_ANSWER) != "yes":
        return "no"
    return None


def _answer_not_emergency(message: Message) -> bool:
    """An answer the classifier took for an emergency because of its words ("no, she's safe with us now",
    "yes I'm alone in my room"): a bare answer, an answer that is a clause of its own, or a leading answer
    the classifier barely calls an emergency. Never when it describes violence or threats and the
    classifier is sure ("no, stop, he's hitting her"), never "no I can't go on, I want to die" (an answer
    word that starts the sentence of a confident emergency)."""
    if message.words <= SHORT_DENIAL_WORDS:
        return True
    violent = any(message.entities.get(f"sign_{s}") == "yes" for s in ("violence", "threats"))
    if message.alone:
        return not (violent and message.confidence >= SURE_EMERGENCY)
    return message.lead and message.confidence < WEAK_EMERGENCY and not violent


def reading(slot: str, message: Message) -> str | None:
    """yes / no / unsure / skip for a yes/no question: values first, then answer words, then the intent.

    An emergency is read as an answer only where that is safe: as yes to "is anyone in danger?", by what it
    describes, or as a plain denial ("no", "nobody hit me"); anything else is left to the emergency rule.
    A side question (an FAQ) is left to its rule unless the message plainly answers."""
    value = _value(slot, message)
    answer = message.entities.get(ENTITY_ANSWER)
    if message.emergency:
        if value is not None:
            return value
        if slot == "danger_now":
            return answer if answer in ("no", "skip", "unsure") and _answer_not_emergency(message) else "yes"
        return answer if answer and _answer_not_emergency(message) else None  # else: the emergency rule
    if message.side:
        if message.question:
            return None  # "what is the NRM?": their question first; the form asks again after
        return value or (answer if message.lead else None)
    return value or answer or INTENT_READING.get(message.intent or "")


def value_for(slot: str, message: Message) -> Any:
    """The slot value this message gives the question asked, or None when it does not answer it."""
    if slot not in QUESTIONS:
        return None
    read = reading(slot, message)
    return VALUES[slot].get(read) if read else None


def volunteered(slot: str, said: Message) -> Any:
    """A value given without being asked: a sign described, an age or "nobody is in danger" plainly said."""
    entities = said.entities
    if slot in SIGN_SLOTS and entities.get(slot) == "yes":
        return "yes"
    if slot == "under_18" and entities.get(ENTITY_UNDER_18) in ("yes", "no"):
        return entities[ENTITY_UNDER_18]
    if slot == "danger_now" and entities.get(ENTITY_DANGER_DENIED) and not said.emergency:
        return False
    return None


def said_so_far(tracker: Any) -> Message:
    """Every user message of the conversation so far, as one: what the person has already told us.

    Entities of earlier messages count ("my boss has my passport", then "I'm asking for myself"); a child
    said anywhere wins over adults. Emergency and lead flags are the latest message's (which is the last
    user event of the tracker, so its entities are among them)."""
    latest = Message.of(tracker.latest_message)
    entities: dict[str, str] = {}
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        for name, value in Message.of(event.get("parse_data") or {}).entities.items():
            if name == ENTITY_UNDER_18 and entities.get(name) == "yes":
                continue
            entities[name] = value
    return Message(latest.intent, latest.confidence, entities, latest.lead, latest.words, latest.question, latest.alone)
