"""Every name the gateway, the actions and rasa_ext share with the stories and locales/, written once.

Response names are keys of locales/<lang>.yml; action and intent names are Rasa's (domain/, stories/);
payloads are what buttons and Telegram commands send; the `custom` and metadata keys are the contract
between the gateway, Rasa and the NLG endpoint. `make check` fails when a response named here is
missing from locales/en.yml, so a rename cannot silently break a reply.
"""

from __future__ import annotations

# --- responses (locales/<lang>.yml keys) ------------------------------------------------------------
UTTER_DEFAULT = "utter_default"  # "sorry, I didn't understand" (Rasa's fallback utters it too)
UTTER_SAFETY_NET = "utter_safety_net"
UTTER_PRIVACY_NOTICE = "utter_privacy_notice"
UTTER_CHOOSE_LANGUAGE = "utter_choose_language"  # its buttons are the shipped languages, in native names
UTTER_REGION_SET = "utter_region_set"
UTTER_FORGOTTEN = "utter_forgotten"
UTTER_ERROR_TOO_LONG = "utter_error_too_long"
UTTER_ERROR_RATE_LIMITED = "utter_error_rate_limited"
UTTER_PRIVATE_ONLY = "utter_private_only"
UTTER_TELEGRAM_FORGOTTEN = "utter_telegram_forgotten"
UTTER_TELEGRAM_TEXT_ONLY = "utter_telegram_text_only"
UTTER_ASK_SECTOR = "utter_ask_sector"
UTTER_CHILD_SAFEGUARDING = "utter_child_safeguarding"
UTTER_FIRST_CONTACT_STEPS = "utter_first_contact_steps"
UTTER_PROFESSIONAL_DANGER = "utter_professional_danger"
UTTER_PROFESSIONAL_MENU = "utter_professional_menu"
UTTER_REFERRAL_CHILD = "utter_referral_child"
UTTER_REFERRAL_GENERAL = "utter_referral_general"
UTTER_REFERRAL_HEALTH_SAFETY = "utter_referral_health_safety"
UTTER_REFERRAL_HEALTHCARE = "utter_referral_healthcare"
UTTER_REFERRAL_LOCAL_AUTHORITY = "utter_referral_local_authority"
UTTER_REFERRAL_NATIONS = "utter_referral_nations"
UTTER_REFERRAL_NOT_FIRST_RESPONDER = "utter_referral_not_first_responder"
UTTER_SELFCHECK_OPTIONS = "utter_selfcheck_options"
UTTER_SELFCHECK_SUMMARY_NONE = "utter_selfcheck_summary_none"
UTTER_SELFCHECK_SUMMARY_SIGNS = "utter_selfcheck_summary_signs"
UTTER_SIGNS_PREFIX = "utter_signs_"  # + a sector, or "general"
UTTER_SIGNS_GENERAL = "utter_signs_general"
UTTER_HELP = "utter_help"
UTTER_I_AM_A_BOT = "utter_i_am_a_bot"
UTTER_EMERGENCY = "utter_emergency"
UTTER_ASK_AUDIENCE = "utter_ask_audience"  # "who are you asking for?", with the three journeys as buttons
UTTER_ASK_PREFIX = "utter_ask_"  # + the slot a form asks for
UTTER_ANSWER_HINT = "utter_answer_hint"  # before a question asked the second time: how to answer it
UTTER_MOVING_ON = "utter_moving_on"  # a question asked twice without an answer: taken as "not sure"
UTTER_MOVING_ON_DANGER = "utter_moving_on_danger"  # the same for "is anyone in danger?", with the number
UTTER_SELFCHECK_START = "utter_selfcheck_start"
UTTER_PROFESSIONAL_INTRO = "utter_professional_intro"
UTTER_WORRIED_SIGNS = "utter_worried_signs"
UTTER_WORRIED_REPORT = "utter_worried_report"
UTTER_UNSAFE_TO_TALK = "utter_unsafe_to_talk"
UTTER_INTERPRETER_CARD = "utter_interpreter_card"  # its card lines come from labels.card_text of each language
UTTER_NEXT_STEPS_SELF = "utter_next_steps_self"  # what a call is like, after the numbers (and the card offer)
UTTER_NEXT_STEPS_PROFESSIONAL = "utter_next_steps_professional"
UTTER_NEXT_STEPS_PUBLIC = "utter_next_steps_public"

# --- actions (actions/, stories/) -----------------------------------------------------------------
ACTION_SET_REGION = "action_set_region"
ACTION_FORGET_CONVERSATION = "action_forget_conversation"
ACTION_PROFESSIONAL_GUIDANCE = "action_professional_guidance"
ACTION_SECTOR_SIGNS = "action_sector_signs"
ACTION_REFERRAL_ROUTE = "action_referral_route"
ACTION_ANSWER_SECTOR_TOPIC = "action_answer_sector_topic"
ACTION_SELFCHECK_SUMMARY = "action_selfcheck_summary"
VALIDATE_PROFESSIONAL_FORM = "validate_professional_form"
VALIDATE_SELFCHECK_FORM = "validate_selfcheck_form"

# --- intents and entities --------------------------------------------------------------------------
INTENT_CHOOSE_LANGUAGE = "choose_language"
INTENT_INFORM_LOCATION = "inform_location"
INTENT_REPORT_EMERGENCY = "report_emergency"  # the emergency rule answers it first, inside any form too
INTENT_INTERPRETER_CARD = "ask_interpreter_card"
INTENT_PROFESSIONAL_CASE = "ask_professional_guidance"  # a case described: a professional's, if they say so
ENTITY_LANGUAGE = "language"
ENTITY_REGION = "region"
# Entities rasa_ext/message_reader.py reads with the word lists in nlu/<language>/lookups.yml.
ENTITY_ANSWER = "answer"  # yes / no / unsure / skip
ENTITY_ANSWER_LEADS = "lead"  # the answer entity's role when the message starts with it ("no they ...")
ENTITY_ANSWER_ALONE = "alone"  # ... and it is a clause of its own ("no, they let me out"), or all of it
ENTITY_UNDER_18 = "under_18"  # yes / no: the age was plainly said
ENTITY_AGE_HINT = "age_hint"  # child / adult: a weaker sign, read only when the age was asked
ENTITY_DANGER_DENIED = "danger_denied"  # "nobody is in immediate danger"
ENTITY_NUMBER_REQUEST = "number_request"  # "who can I call?"
ENTITY_PROFESSIONAL_ROLE = "professional_role"  # "I'm a nurse", "my patient": asking as part of their work
ENTITY_SECTOR = "sector"  # the writer's sector, from a role or workplace they name ("I'm a practice nurse")
ENTITY_AUDIENCE_UNCLEAR = "audience_unclear"  # a case described, but not who is asking: Lantern asks
ENTITY_SIGN_DENIED = "sign_denied"  # the signs a message names only to deny them ("nobody hit me"), space-separated
# The ILO indicators of forced labour, in the order the self-check asks; each is a slot `sign_<name>`
# and an entity of the same name.
SIGNS = (
    "deception",
    "movement",
    "isolation",
    "violence",
    "threats",
    "documents",
    "wages",
    "debt",
    "conditions",
    "overtime",
    "vulnerability",
)

# --- payloads: what buttons and Telegram commands send to the engine --------------------------------
PAYLOAD_GREET = "/greet"
PAYLOAD_HELP = "/ask_help"
PAYLOAD_CHANGE_LANGUAGE = "/change_language"
PAYLOAD_FORGET = "/forget_me"
PAYLOAD_INTERPRETER_CARD = "/ask_interpreter_card"  # the card's button and Telegram's /card
PAYLOAD_CHOOSE_LANGUAGE = "/choose_language"  # + {"language": "<code>"}
PAYLOAD_CHOOSE_REGION = "/choose_region"  # + {"region": "<code>"}: read by the gateway, never sent to Rasa
PAYLOAD_INFORM_LOCATION = "/inform_location"  # what a region button becomes for the engine

# --- message metadata: what the gateway tells Rasa about the turn ----------------------------------
META_LANGUAGE = "language"
META_REGION = "region"
META_REGION_EXPLICIT = "region_explicit"
META_REGION_HINT = "region_hint"  # the region the gateway recognised in this message, if any
META_CHANNEL = "channel"  # CHANNEL_WEB or CHANNEL_TELEGRAM: some texts differ (Telegram has no Quick exit button)
CHANNEL_WEB = "web"
CHANNEL_TELEGRAM = "telegram"  # also where the renderer writes numbers in international form

# --- a rendered message's `custom` block (NLG endpoint -> Rasa -> gateway) -------------------------
CUSTOM_RESPONSE = "response"
CUSTOM_LANGUAGE = "language"
CUSTOM_DIRECTION = "direction"
CUSTOM_REGION = "region"
CUSTOM_PARTS = "parts"  # the text split at its phone numbers, each number with its tel:/sms: link
CUSTOM_CARD = "card"  # the interpreter card: its lines per language, for a full-screen view
CUSTOM_EFFECTS = "effects"  # what the turn changed, declared by the engine, never guessed from text

# --- effects: keys inside `custom.effects`, and the NLG argument an action declares them with -------
EFFECT_LANGUAGE = "language"  # the user chose this language
EFFECT_REGION = "region"  # the user said where they are
EFFECT_FORGOTTEN = "forgotten"  # the conversation was erased
EFFECTS_ARGUMENT = "effects"

# --- word lists: the kinds every nlu/<language>/lookups.yml holds, as `<language>_<kind>` lookup tables ---
# The sectors whose signs and referral route differ (the `sector` slot's values, "other" aside); each has
# a word list `<language>_sector_<sector>` naming roles and workplaces of that sector.
SECTORS = ("housing", "licensing", "health_safety", "transport", "hospitality", "healthcare")
LOOKUP_KINDS = (
    "answer_yes",
    "answer_no",
    "answer_unsure",
    "answer_skip",
    "negation",
    "danger_denied",
    "age_child",
    "age_adult",
    "age_adult_weak",
    "age_marker",
    "number_child",
    "number_adult",
    "asks_number",
    "professional_role",
    *(f"sector_{sector}" for sector in SECTORS),
    *(f"sign_{sign}" for sign in SIGNS),
)
