"""The shared turn every channel hands a message to: cleaning, redaction, language, region, engine, safety net."""
