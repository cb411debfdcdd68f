"""Custom actions: assert on response names and events (language-independent)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.core import ActionForgetConversation, ActionSetRegion
from actions.professional import (
    ActionAnswerSectorTopic,
    ActionProfessionalGuidance,
    ActionReferralRoute,
    ActionSectorSigns,
    ValidateProfessionalForm,
)
from actions.selfcheck import ActionSelfcheckSummary, ValidateSelfcheckForm
from bot.common.names import EFFECT_FORGOTTEN, EFFECT_REGION, EFFECTS_ARGUMENT, SIGNS

PROFESSIONAL = [{"event": "bot", "metadata": {"utter_action": "utter_professional_intro"}}]


def make_tracker(
    slots: dict[str, Any] | None = None, metadata: dict[str, Any] | None = None, events: list | None = None
) -> Tracker:
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message={"text": "x", "metadata": metadata or {}},
        events=PROFESSIONAL if events is None else events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


async def test_region_from_gateway_hint(dispatcher):
    events = await ActionSetRegion().run(dispatcher, make_tracker(metadata={"region_hint": "HR"}), {})
    assert events == [SlotSet("region", "HR")]
    assert dispatcher.messages[0]["response"] == "utter_region_set" and dispatcher.messages[0]["region"] == "HR"
    assert dispatcher.messages[0][EFFECTS_ARGUMENT] == {EFFECT_REGION: "HR"}  # the gateway learns it from this


async def test_an_unknown_place_asks_which_country_and_leaves_the_region(dispatcher):
    assert await ActionSetRegion().run(dispatcher, make_tracker(), {}) == []
    assert dispatcher.messages[0]["region"] == "other"  # rendered as the question "which country are you in?"
    assert EFFECTS_ARGUMENT not in dispatcher.messages[0]


async def test_forget_confirms(dispatcher):
    await ActionForgetConversation().run(dispatcher, make_tracker(), {})
    assert responses(dispatcher) == ["utter_forgotten"]
    assert dispatcher.messages[0][EFFECTS_ARGUMENT] == {EFFECT_FORGOTTEN: True}


async def test_danger_gets_emergency_advice_at_once(dispatcher):
    result = await ValidateProfessionalForm().validate_danger_now(True, dispatcher, make_tracker(), {})
    assert result == {"danger_now": True} and responses(dispatcher) == ["utter_professional_danger"]


async def test_no_danger_says_nothing_extra(dispatcher):
    await ValidateProfessionalForm().validate_danger_now(False, dispatcher, make_tracker(), {})
    assert responses(dispatcher) == []


@pytest.mark.parametrize(("under_18", "child_first"), [("yes", True), ("unsure", True), ("no", False)])
async def test_guidance_after_triage(dispatcher, under_18, child_first):
    await ActionProfessionalGuidance().run(dispatcher, make_tracker({"under_18": under_18}), {})
    expected = ["utter_first_contact_steps", "utter_professional_menu"]
    assert responses(dispatcher) == (["utter_child_safeguarding", *expected] if child_first else expected)


async def test_signs_ask_for_the_sector_when_unknown(dispatcher):
    events = await ActionSectorSigns().run(dispatcher, make_tracker(), {})
    assert responses(dispatcher) == ["utter_ask_sector"] and events == [SlotSet("pending_topic", "signs")]


async def test_the_public_gets_the_signs_anyone_can_see_and_how_to_report_without_a_sector_question(dispatcher):
    await ActionSectorSigns().run(dispatcher, make_tracker(events=[]), {})
    await ActionReferralRoute().run(dispatcher, make_tracker(events=[]), {})
    assert responses(dispatcher) == ["utter_worried_signs", "utter_worried_report", "utter_next_steps_public"]


async def test_signs_for_a_known_sector(dispatcher):
    await ActionSectorSigns().run(dispatcher, make_tracker({"sector": "licensing"}), {})
    assert responses(dispatcher) == ["utter_signs_licensing"]


@pytest.mark.parametrize(
    ("sector", "first"),
    [
        ("housing", "utter_referral_local_authority"),
        ("licensing", "utter_referral_local_authority"),
        ("transport", "utter_referral_not_first_responder"),
        ("hospitality", "utter_referral_not_first_responder"),
        ("healthcare", "utter_referral_healthcare"),
        ("health_safety", "utter_referral_health_safety"),
        ("other", "utter_referral_general"),
    ],
)
async def test_referral_depends_on_who_is_asking(dispatcher, sector, first):
    await ActionReferralRoute().run(dispatcher, make_tracker({"sector": sector, "under_18": "no"}), {})
    assert responses(dispatcher) == [first, "utter_referral_nations", "utter_next_steps_professional"]


async def test_child_referral_needs_no_sector(dispatcher):
    await ActionReferralRoute().run(dispatcher, make_tracker({"under_18": "unsure"}), {})
    assert responses(dispatcher) == ["utter_referral_child", "utter_referral_nations", "utter_next_steps_professional"]


async def test_pending_referral_answered_when_sector_arrives(dispatcher):
    tracker = make_tracker({"sector": "transport", "pending_topic": "referral", "under_18": "no"})
    events = await ActionAnswerSectorTopic().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [
        "utter_referral_not_first_responder",
        "utter_referral_nations",
        "utter_next_steps_professional",
    ]
    assert events == [SlotSet("pending_topic", None)]


async def test_summary_names_only_the_signs_said_yes(dispatcher):
    slots = {f"sign_{s}": "no" for s in SIGNS} | {"sign_debt": "yes", "sign_documents": "yes", "sign_wages": "skip"}
    events = await ActionSelfcheckSummary().run(dispatcher, make_tracker(slots), {})
    assert responses(dispatcher) == [
        "utter_selfcheck_summary_signs",
        "utter_selfcheck_options",
        "utter_next_steps_self",
    ]
    assert dispatcher.messages[0]["signs"] == ["documents", "debt"]
    cleared = {e["name"] for e in events if isinstance(e, dict) and e["value"] is None}
    assert cleared == {f"sign_{s}" for s in SIGNS} | {"safe_to_talk", "answer_hint"}  # nothing of it outlives it


async def test_not_safe_to_talk_ends_the_self_check_without_a_summary(dispatcher):
    await ActionSelfcheckSummary().run(dispatcher, make_tracker({"safe_to_talk": "no", "sign_debt": "yes"}), {})
    assert responses(dispatcher) == []


async def test_all_skipped_still_gets_the_options(dispatcher):
    slots = {f"sign_{s}": "skip" for s in SIGNS}
    await ActionSelfcheckSummary().run(dispatcher, make_tracker(slots), {})
    assert responses(dispatcher) == ["utter_selfcheck_summary_none", "utter_selfcheck_options", "utter_next_steps_self"]


async def test_after_danger_the_triage_waits_for_the_professional(dispatcher):
    form = ValidateProfessionalForm()
    slots = ["danger_now", "triage_resumed", "under_18"]
    assert await form.required_slots(slots, dispatcher, make_tracker({"danger_now": False}), {}) == [
        "danger_now",
        "under_18",
    ]
    assert await form.required_slots(slots, dispatcher, make_tracker({"danger_now": True}), {}) == slots
    assert await form.validate_triage_resumed(False, dispatcher, make_tracker(), {}) == {"triage_resumed": None}
    assert await form.validate_triage_resumed(True, dispatcher, make_tracker(), {}) == {"triage_resumed": True}


async def test_after_the_summary_the_self_check_is_not_asked_again_only_its_options(dispatcher):
    done = [{"event": "bot", "metadata": {"utter_action": "utter_selfcheck_options"}}]
    assert (
        await ValidateSelfcheckForm().required_slots(
            ["safe_to_talk", "sign_debt"], dispatcher, make_tracker(events=done), {}
        )
        == []
    )
    await ActionSelfcheckSummary().run(dispatcher, make_tracker({"sign_debt": "yes"}, events=done), {})
    assert responses(dispatcher) == ["utter_selfcheck_options"]
