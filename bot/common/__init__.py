"""Leaves shared by every layer, actions/ and rasa_ext/: names, text folding, YAML reading (stdlib and PyYAML)."""
