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

# --- actions (actions/, stories/) -----------------------------------------------------------------
ACTION_SET_REGION = "action_set_region"
ACTION_FORGET_CONVERSATION = "action_forget_conversation"
ACTION_PROFESSIONAL_GUIDANCE = "action_professional_guidance"
ACTION_SECTOR_SIGNS = "action_sector_signs"
ACTION_REFERRAL_ROUTE = "action_referral_route"
ACTION_ANSWER_SECTOR_TOPIC = "action_answer_sector_topic"
ACTION_SELFCHECK_SUMMARY = "action_selfcheck_summary"
VALIDATE_PROFESSIONAL_FORM = "validate_professional_form"

# --- intents and entities --------------------------------------------------------------------------
INTENT_CHOOSE_LANGUAGE = "choose_language"
INTENT_INFORM_LOCATION = "inform_location"
ENTITY_LANGUAGE = "language"
ENTITY_REGION = "region"

# --- payloads: what buttons and Telegram commands send to the engine --------------------------------
PAYLOAD_GREET = "/greet"
PAYLOAD_HELP = "/ask_help"
PAYLOAD_CHANGE_LANGUAGE = "/change_language"
PAYLOAD_FORGET = "/forget_me"
PAYLOAD_CHOOSE_LANGUAGE = "/choose_language"  # + {"language": "<code>"}
PAYLOAD_CHOOSE_REGION = "/choose_region"  # + {"region": "<code>"}: read by the gateway, never sent to Rasa
PAYLOAD_INFORM_LOCATION = "/inform_location"  # what a region button becomes for the engine

# --- message metadata: what the gateway tells Rasa about the turn ----------------------------------
META_LANGUAGE = "language"
META_REGION = "region"
META_REGION_EXPLICIT = "region_explicit"
META_REGION_HINT = "region_hint"  # the region the gateway recognised in this message, if any
META_CHANNEL = "channel"  # "web" or "telegram": some texts differ (Telegram has no Quick exit button)

# --- a rendered message's `custom` block (NLG endpoint -> Rasa -> gateway) -------------------------
CUSTOM_RESPONSE = "response"
CUSTOM_LANGUAGE = "language"
CUSTOM_DIRECTION = "direction"
CUSTOM_REGION = "region"
CUSTOM_EFFECTS = "effects"  # what the turn changed, declared by the engine, never guessed from text

# --- effects: keys inside `custom.effects`, and the NLG argument an action declares them with -------
EFFECT_LANGUAGE = "language"  # the user chose this language
EFFECT_REGION = "region"  # the user said where they are
EFFECT_FORGOTTEN = "forgotten"  # the conversation was erased
EFFECTS_ARGUMENT = "effects"
