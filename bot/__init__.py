"""Lantern gateway: channels, language, privacy, safety net and the NLG endpoint Rasa calls."""
