"""Custom actions for Rasa's action server: logic that is not a plain response. No user text here."""
