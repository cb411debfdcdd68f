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


def test_the_supervisor_starts_what_each_role_needs(tmp_path):
    from bot.runtime.supervisor import components

    model = tmp_path / "model.tar.gz"
    redis = {"LANTERN_REDIS_URL": "redis://h:1/0", **SECRET}
    names = [c.name for c in components(Settings.from_env({}), model)]
    assert names == ["actions", "rasa", "gateway"]  # make run, as before
    two = components(Settings.from_env({"LANTERN_RASA_WORKERS": "2", **redis}), model)
    assert [c.name for c in two] == ["actions", "rasa-1", "rasa-2", "gateway"]
    assert [c.argv[c.argv.index("--port") + 1] for c in two[1:3]] == ["5005", "5006"]
    gateway_only = components(Settings.from_env({"LANTERN_RASA_URLS": "http://10.0.0.5:5005"}), model)
    assert [c.name for c in gateway_only] == ["gateway"]
    engine = components(Settings.from_env({"LANTERN_ROLE": "engine", "LANTERN_RASA_BIND": "10.0.0.5"}), model)
    assert [c.name for c in engine] == ["actions", "rasa", "nlg"]
    assert engine[1].argv[-2:] == ["--interface", "10.0.0.5"]
    with pytest.raises(SettingsError, match="LANTERN_RASA_BIND"):
        Settings.from_env({"LANTERN_RASA_BIND": "everywhere"})


def test_the_redis_address_goes_to_rasa_and_the_gateway_only(monkeypatch):
    from bot.runtime.supervisor import child_environment, secrets_for

    monkeypatch.setenv("LANTERN_REDIS_URL", "redis://:pw@h:1/0")
    assert "LANTERN_REDIS_URL" not in child_environment(Settings())
    assert secrets_for("rasa")["LANTERN_REDIS_URL"] == "redis://:pw@h:1/0"
    assert secrets_for("gateway")["LANTERN_REDIS_URL"] == "redis://:pw@h:1/0"
    assert "LANTERN_REDIS_URL" not in secrets_for("actions")
