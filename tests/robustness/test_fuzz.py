"""Thousands of malformed requests at /api/chat and the Telegram webhook: never a 5xx, always a JSON
error (or a normal reply), and the gateway is still healthy after. Engine-less gateway: the safety net
answers valid messages, so the fuzz exercises only the gateway."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.stack import base_env, free_port, spawn_gateway, stop
from tests.telegram.fake_bot_api import FakeBotAPI

TOKEN = "123456:FUZZ-not-a-real-token"
SECRET = "fuzz-secret-for-the-tests"  # at least 16 characters, as the gateway requires

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20,
)
chat_bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"session_id": st.text(max_size=80), "text": st.text(max_size=2100)},
        optional={"language": json_values, "region": json_values, "extra": json_values},
    ),
    st.fixed_dictionaries(
        {
            "session_id": st.from_regex(r"[A-Za-z0-9_-]{8,64}", fullmatch=True),
            "text": st.text(alphabet=st.characters(), min_size=0, max_size=300),
        },
    ),
)

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)
raw_bodies = st.binary(max_size=3000)


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    api = FakeBotAPI(TOKEN)
    api_url = api.start()
    port = free_port()
    log = tmp_path_factory.mktemp("fuzz") / "gateway.log"
    env = base_env(
        {
            "LANTERN_PORT": str(port),
            "LANTERN_NLG_PORT": str(free_port()),
            "LANTERN_RASA_URL": f"http://127.0.0.1:{free_port()}",
            "LANTERN_ENGINE_TIMEOUT": "0.5",
            "LANTERN_RATE_PER_CLIENT": "1000000",
            "LANTERN_RATE_PER_SESSION": "100000",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api_url,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
        }
    )
    proc, url = spawn_gateway(env, log)
    try:
        # Telegram comes up in the background; wait until the webhook accepts updates.
        for _ in range(100):
            if post(f"{url}/telegram/webhook", b"{}", {"X-Telegram-Bot-Api-Secret-Token": SECRET})[0] != 503:
                break
            __import__("time").sleep(0.2)
        yield url, log
    finally:
        stop(proc)
        api.stop()
    assert proc.returncode is not None


def post(url: str, data: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes, str]:
    req = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(req, timeout=15) as resp:
            return resp.status, resp.read(), resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers.get("Content-Type", "")


def assert_clean(status: int, body: bytes, content_type: str) -> None:
    assert status < 500, (status, body[:200])
    if status != 200 or body:
        assert "application/json" in content_type
        payload = json.loads(body)
        if status >= 400:
            assert isinstance(payload.get("error"), str) and payload["error"]


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=chat_bodies)
def test_chat_never_fails(gateway, body):
    url, _ = gateway
    assert_clean(*post(f"{url}/api/chat", json.dumps(body).encode()))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=raw_bodies)
def test_chat_raw_bytes_never_fail(gateway, raw):
    url, _ = gateway
    assert_clean(*post(f"{url}/api/chat", raw))


@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=json_values, raw=raw_bodies, use_raw=st.booleans(), secret=st.sampled_from([SECRET, "", "wrong", None]))
def test_telegram_webhook_never_fails(gateway, body, raw, use_raw, secret):
    url, _ = gateway
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    status, payload, ctype = post(f"{url}/telegram/webhook", raw if use_raw else json.dumps(body).encode(), headers)
    assert_clean(status, payload, ctype)
    if secret != SECRET:
        assert status in (401, 403)


def test_still_healthy_and_nothing_crashed_after(gateway):
    url, log = gateway
    with urllib.request.urlopen(f"{url}/api/locales", timeout=10) as resp:
        assert resp.status == 200
    status, body, _ = post(f"{url}/api/chat", json.dumps({"session_id": "after-fuzz-1", "text": "help"}).encode())
    assert status == 200 and json.loads(body)["messages"]
    text = log.read_text(errors="replace")
    assert "Traceback" not in text and "Unhandled error" not in text
