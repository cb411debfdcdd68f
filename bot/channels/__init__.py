"""The channels people use (web page and API, Telegram): their formats to and from the shared turn."""
