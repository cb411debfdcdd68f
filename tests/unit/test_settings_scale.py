"""The scale-out settings: more than one Rasa worker needs Redis, Redis needs a shared pseudonym key,
and the gateway's list of workers follows from them."""

from __future__ import annotations

import pytest

from bot.runtime.settings import Settings, SettingsError
from bot.turn.engine import worker_order

SECRET = {"LANTERN_PSEUDONYM_SECRET": "x" * 32}


def test_more_workers_without_redis_is_refused_with_a_clear_message():
    with pytest.raises(SettingsError, match="LANTERN_RASA_WORKERS above 1 needs LANTERN_REDIS_URL"):
        Settings.from_env({"LANTERN_RASA_WORKERS": "2"})


def test_redis_needs_a_shared_pseudonym_key():
    with pytest.raises(SettingsError, match="needs LANTERN_PSEUDONYM_SECRET"):
        Settings.from_env({"LANTERN_REDIS_URL": "redis://127.0.0.1:6379/0"})
    with pytest.raises(SettingsError, match="must start with redis://"):
        Settings.from_env({"LANTERN_REDIS_URL": "http://127.0.0.1:6379", **SECRET})


def test_workers_are_consecutive_loopback_ports_or_the_listed_hosts():
    settings = Settings.from_env({"LANTERN_RASA_WORKERS": "3", "LANTERN_REDIS_URL": "redis://h:1/0", **SECRET})
    assert settings.engine_urls == ("http://127.0.0.1:5005", "http://127.0.0.1:5006", "http://127.0.0.1:5007")
    remote = Settings.from_env({"LANTERN_RASA_URLS": "http://10.0.0.5:5005/, http://10.0.0.6:5005"})
    assert remote.engine_urls == ("http://10.0.0.5:5005", "http://10.0.0.6:5005")
    with pytest.raises(SettingsError, match="LANTERN_RASA_URLS"):
        Settings.from_env({"LANTERN_RASA_URLS": "10.0.0.5:5005"})
    assert Settings.from_env({}).engine_urls == ("http://127.0.0.1:5005",)  # make run: as before


def test_each_conversation_has_one_worker_first_and_every_other_after_it():
    counts = [0, 0, 0]
    for i in range(3000):
        order = worker_order(f"we-{i:032x}", 3)
        assert sorted(order) == [0, 1, 2] and order == worker_order(f"we-{i:032x}", 3)  # sticky
        counts[order[0]] += 1
    assert min(counts) > 800  # spread over the workers
