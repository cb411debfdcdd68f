"""Finding identifiers in what people type, one kind per module (bot/turn/privacy.py puts them together)."""
