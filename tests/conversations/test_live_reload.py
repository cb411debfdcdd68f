"""Operators' edits to locales/ reach the running gateway (NLG endpoint and safety net) within seconds,
without a restart or retraining; an invalid edit is refused and the last good version keeps serving."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.common.yaml_files import read_yaml
from scripts.stack import ROOT, ChatClient, base_env, free_port, spawn_gateway, stop

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

NEW_MSH = "08000 999 000"  # a made-up number for the test only


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[tuple[str, str, Path, Path]]:
    """A gateway on a copy of locales/, with no engine behind it (the safety net renders)."""
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    port, nlg = free_port(), free_port()
    env = base_env(
        {
            "LANTERN_PORT": str(port),
            "LANTERN_NLG_PORT": str(nlg),
            "LANTERN_LOCALES_DIR": str(locales),
            "LANTERN_RASA_URL": f"http://127.0.0.1:{free_port()}",
            "LANTERN_RELOAD_SECONDS": "0.5",
        }
    )
    log = tmp_path / "gateway.log"
    proc, url = spawn_gateway(env, log)
    try:
        yield url, f"http://127.0.0.1:{nlg}/nlg", locales, log
    finally:
        stop(proc)


def nlg(url: str, response: str) -> str:
    body = {
        "response": response,
        "arguments": {},
        "channel": {"name": "collector"},
        "tracker": {
            "latest_message": {"metadata": {"language": "en", "region": "GB", "region_explicit": True}},
            "slots": {},
        },
    }
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())["text"]


def edit(path: Path, change) -> None:
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def eventually(check, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the edit was not picked up"
        time.sleep(0.2)


def test_changed_number_and_text_are_live_without_restart(gateway):
    url, nlg_url, locales, _ = gateway
    old_msh = read_yaml(locales / "helplines.yml")["regions"]["GB"]["services"]["msh"]["phone"]
    assert old_msh in ChatClient(url).texts("help")
    edit(locales / "helplines.yml", lambda d: d["regions"]["GB"]["services"]["msh"].update(phone=NEW_MSH))
    eventually(lambda: NEW_MSH in ChatClient(url).texts("help"))
    assert NEW_MSH in nlg(nlg_url, "utter_help")

    # Same placeholders as before, so every other language stays consistent with English.
    edit(
        locales / "en.yml",
        lambda d: d["responses"]["utter_goodbye"].update(text="Edited goodbye: {helpline.msh.phone}"),
    )
    eventually(lambda: nlg(nlg_url, "utter_goodbye") == f"Edited goodbye: {NEW_MSH}")


def test_invalid_edit_is_refused_and_last_good_keeps_serving(gateway):
    url, nlg_url, locales, log = gateway
    edit(locales / "helplines.yml", lambda d: d["regions"]["GB"]["services"]["msh"].update(phone="call us"))
    eventually(lambda: "Refused an edit of locales/" in log.read_text())
    assert "GB.msh" in log.read_text()
    old_msh = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]["GB"]["services"]["msh"]
    assert old_msh["phone"] in ChatClient(url).texts("help")
    assert old_msh["phone"] in nlg(nlg_url, "utter_help")
