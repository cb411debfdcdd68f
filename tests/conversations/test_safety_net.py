"""Never silent: with the engine down or hung, /api/chat still answers with the numbers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.common.yaml_files import read_yaml
from scripts.stack import ROOT, ChatClient, base_env, free_port, spawn_gateway, stop

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

GB = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]["GB"]["services"]
ENGINE_TIMEOUT = 3.0


class HungServer:
    """Accepts connections and never answers: a Rasa that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


def _gateway(rasa_url: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = base_env(
        {
            "LANTERN_PORT": str(port),
            "LANTERN_NLG_PORT": str(free_port()),
            "LANTERN_RASA_URL": rasa_url,
            "LANTERN_ENGINE_TIMEOUT": str(ENGINE_TIMEOUT),
        }
    )
    log = tmp_path / "gateway.log"
    proc, url = spawn_gateway(env, log)
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture
def gateway_without_engine(tmp_path: Path) -> Iterator[str]:
    yield from _gateway(f"http://127.0.0.1:{free_port()}", tmp_path)


@pytest.fixture
def gateway_with_hung_engine(tmp_path: Path) -> Iterator[str]:
    hung = HungServer()
    try:
        yield from _gateway(f"http://127.0.0.1:{hung.port}", tmp_path)
    finally:
        hung.close()


def _assert_numbers(reply: dict) -> None:
    text = reply["messages"][0]["text"]
    assert GB["emergency"]["phone"] in text and GB["msh"]["phone"] in text


def test_engine_down_still_gets_the_numbers(gateway_without_engine):
    chat = ChatClient(gateway_without_engine)
    _assert_numbers(chat.send("help"))
    _assert_numbers(chat.send("he is hurting me right now"))


def test_engine_hung_still_gets_the_numbers(gateway_with_hung_engine):
    # The client gives up well before an unbounded hang; the gateway's own timeout must answer first.
    _assert_numbers(ChatClient(gateway_with_hung_engine).send("help"))


def test_healthz_reports_the_engine_down(gateway_without_engine):
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{gateway_without_engine}/healthz", timeout=10)
    assert err.value.code == 503
