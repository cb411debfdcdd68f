"""Starting the real Lantern stack (or one more gateway) on free loopback ports, for tests and benchmarks
(both use it, so it lives here rather than in either)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.runtime.settings import ROOT

RASA_TOKEN = "test-token-not-for-production"
SECRET = "test-secret-not-for-production"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log else ""
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-3000:] if log else ""
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s:\n{tail}")


def free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports (Rasa workers take consecutive ports)."""
    for _ in range(100):
        first = free_port()
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports")


def children(pid: int) -> dict[str, int]:
    """The supervisor's components by name: {'rasa': pid, 'actions': pid, 'gateway': pid}; with several
    Rasa workers, each also as 'rasa@<port>' ('rasa' is then one of them)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) != pid:
            continue
        if "rasa_ext.launch rasa" in cmdline:
            found["rasa"] = int(entry.name)
            port = cmdline.split("--port", 1)[1].split()[0] if "--port" in cmdline else "?"
            found[f"rasa@{port}"] = int(entry.name)
        elif "rasa_ext.launch actions" in cmdline:
            found["actions"] = int(entry.name)
        elif "bot.gateway" in cmdline:
            found["gateway"] = int(entry.name)
    return found


def stop(proc: subprocess.Popen, grace: float = 20.0) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@dataclass
class Stack:
    """A running supervisor (Rasa + actions + gateway) and where to reach each part."""

    proc: subprocess.Popen
    env: dict[str, str]
    log: Path
    gateway_url: str
    rasa_url: str
    ports: dict[str, int] = field(default_factory=dict)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def tracker_events(self, channel: str, raw_id: str) -> list[dict]:
        """Every event Rasa's tracker store holds for this conversation (via the token-protected API)."""
        from bot.turn.privacy import pseudonym

        sender = pseudonym(SECRET.encode(), channel, raw_id)
        url = f"{self.rasa_url}/conversations/{sender}/tracker?token={RASA_TOKEN}&include_events=ALL"
        with urllib.request.urlopen(url, timeout=10) as resp:
            return json.loads(resp.read()).get("events", [])


def base_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANTERN_", "TELEGRAM_"))}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "LANTERN_PSEUDONYM_SECRET": SECRET,
            "LANTERN_LOG_LEVEL": "INFO",
        }
    )
    env.update(extra or {})
    return env


def start_stack(log_dir: Path, extra_env: dict[str, str] | None = None, timeout: float = 180.0) -> Stack:
    workers = int((extra_env or {}).get("LANTERN_RASA_WORKERS", "1"))
    ports = {name: free_port() for name in ("gateway", "actions", "nlg")}
    ports["rasa"] = free_ports(workers)
    env = base_env(
        {
            "LANTERN_PORT": str(ports["gateway"]),
            "LANTERN_RASA_PORT": str(ports["rasa"]),
            "LANTERN_ACTION_PORT": str(ports["actions"]),
            "LANTERN_NLG_PORT": str(ports["nlg"]),
            # The tests read trackers through Rasa's HTTP API; it stays off unless a token is set.
            "LANTERN_RASA_API_TOKEN": RASA_TOKEN,
            # Every test talks from 127.0.0.1: the per-address limit would throttle the suite itself.
            "LANTERN_RATE_PER_CLIENT": "1000000",
            **(extra_env or {}),
        }
    )
    log = log_dir / "stack.log"
    handle = log.open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.runtime.supervisor"],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack = Stack(proc, env, log, f"http://127.0.0.1:{ports['gateway']}", f"http://127.0.0.1:{ports['rasa']}", ports)
    try:
        wait_http(f"{stack.gateway_url}/healthz", timeout, proc, log)
        wait_http(f"http://127.0.0.1:{ports['actions']}/health", 60, proc, log)
        for port in range(ports["rasa"] + 1, ports["rasa"] + workers):  # every worker, not only the first
            wait_http(f"http://127.0.0.1:{port}/", timeout, proc, log)
    except Exception:
        stop(proc)
        raise
    return stack


def spawn_gateway(env: dict[str, str], log: Path, ready: str = "/api/locales") -> tuple[subprocess.Popen, str]:
    """Start `python -m bot.gateway` with `env` (which sets LANTERN_PORT); return once `ready` answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.gateway"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{env['LANTERN_PORT']}"
    try:
        wait_http(f"{url}{ready}", 60, proc, log)
    except Exception:
        stop(proc)
        raise
    return proc, url


def start_gateway(stack: Stack, log_dir: Path, extra_env: dict[str, str]) -> tuple[subprocess.Popen, str, Path]:
    """One more gateway process using the stack's Rasa (its own public and NLG ports)."""
    port, nlg = free_port(), free_port()
    env = dict(stack.env, LANTERN_PORT=str(port), LANTERN_NLG_PORT=str(nlg), **extra_env)
    log = log_dir / f"gateway-{port}.log"
    proc, url = spawn_gateway(env, log, "/healthz")
    return proc, url, log


class ChatClient:
    """Talks to /api/chat like the web page does; one fresh session id per client (tests, benchmarks)."""

    def __init__(self, base_url: str, language: str | None = None, prefix: str = "t-", timeout: float = 30.0) -> None:
        self.base_url = base_url
        self.session_id = prefix + uuid.uuid4().hex[:20]
        self.language = language
        self.timeout = timeout

    def send(self, text: str, **fields: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"session_id": self.session_id, "text": text, **fields}
        if self.language and "language" not in fields:
            body["language"] = self.language
        request = urllib.request.Request(
            f"{self.base_url}/api/chat",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as resp:
            return json.loads(resp.read())

    def texts(self, text: str, **fields: Any) -> str:
        """All reply texts of one turn joined, for simple assertions."""
        return "\n".join(m["text"] for m in self.send(text, **fields)["messages"])
