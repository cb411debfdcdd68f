"""`python -m bot.runtime.supervisor`: start Rasa, the action server and the gateway, keep them up, stop them together.

Ctrl-C or SIGTERM stops all three. A component that dies is restarted (after 1, 2, 4 … 30 s) and the
restart is logged. The Rasa server and the action server bind to 127.0.0.1 only, without Rasa's HTTP API.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.runtime.logs import setup_logging
from bot.runtime.model_files import model_path
from bot.runtime.settings import ROOT, Settings, SettingsError

logger = logging.getLogger("lantern.supervisor")
STOP_GRACE_SECONDS = 10.0
MAX_BACKOFF_SECONDS = 30.0
HEALTHY_AFTER_SECONDS = 60.0


@dataclass
class Component:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    process: asyncio.subprocess.Process | None = None
    restarts: int = 0


def child_environment(settings: Settings) -> dict[str, str]:
    """What every component inherits: ports for endpoints.yml, one pseudonym key for the whole run."""
    env = dict(os.environ)
    env.setdefault("LANTERN_PSEUDONYM_SECRET", secrets.token_hex(32))
    env.update(
        {
            "LANTERN_ACTION_PORT": str(settings.action_port),
            "LANTERN_NLG_PORT": str(settings.nlg_port),
            "LANTERN_RASA_PORT": str(settings.rasa_port),
            "LANTERN_SESSION_TTL_MINUTES": str(settings.session_ttl_minutes),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
    )
    return env


def rasa_api_flags(settings: Settings) -> list[str]:
    """Rasa's HTTP API (trackers, model) stays off unless a token is configured to protect it."""
    if not settings.rasa_api_token:
        return []
    return ["--enable-api", "--auth-token", settings.rasa_api_token]


def components(settings: Settings, model: Path) -> list[Component]:
    py = sys.executable
    return [
        Component(
            "actions",
            [py, "-m", "rasa_sdk", "--actions", "actions", "--port", str(settings.action_port)],
            {"SANIC_HOST": "127.0.0.1"},
        ),
        Component(
            "rasa",
            [
                py,
                "-m",
                "rasa",
                "run",
                "--interface",
                "127.0.0.1",
                "--port",
                str(settings.rasa_port),
                "--model",
                str(model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
                *rasa_api_flags(settings),
            ],
        ),
        Component("gateway", [py, "-m", "bot.gateway"]),
    ]


class Supervisor:
    def __init__(self, parts: list[Component], env: dict[str, str]) -> None:
        self.parts = parts
        self.env = env
        self.stopping = asyncio.Event()

    async def _start(self, part: Component) -> None:
        part.process = await asyncio.create_subprocess_exec(
            *part.argv, cwd=ROOT, env={**self.env, **part.env}, start_new_session=True
        )
        logger.info("started %s (pid %d)", part.name, part.process.pid)

    async def _keep_alive(self, part: Component) -> None:
        backoff = 1.0
        while not self.stopping.is_set():
            started = time.monotonic()
            await self._start(part)
            assert part.process is not None
            code = await part.process.wait()
            if self.stopping.is_set():
                return
            if time.monotonic() - started > HEALTHY_AFTER_SECONDS:
                backoff = 1.0
            part.restarts += 1
            logger.warning(
                "%s exited with code %s; restarting in %.0f s (restart #%d)", part.name, code, backoff, part.restarts
            )
            try:
                await asyncio.wait_for(self.stopping.wait(), timeout=backoff)
                return
            except asyncio.TimeoutError:
                pass
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    async def _stop_all(self) -> None:
        for part in self.parts:
            if part.process and part.process.returncode is None:
                _signal_group(part.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for part in self.parts:
            if part.process and part.process.returncode is None:
                try:
                    await asyncio.wait_for(part.process.wait(), max(0.1, deadline - time.monotonic()))
                except asyncio.TimeoutError:
                    _signal_group(part.process.pid, signal.SIGKILL)
                    await part.process.wait()
            logger.info("stopped %s", part.name)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stopping.set)
        tasks = [asyncio.create_task(self._keep_alive(p)) for p in self.parts]
        await self.stopping.wait()
        logger.info("stopping all components")
        await self._stop_all()
        await asyncio.gather(*tasks, return_exceptions=True)


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass


def main() -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"lantern: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level)
    model = model_path(models_dir=settings.models_dir)
    if not model.exists():
        print(f"lantern: no model for the current data ({model.name}); run `make run` or `make train`", file=sys.stderr)
        return 1
    logger.info(
        "model %s; gateway will listen on http://%s:%d", model.name, settings.gateway_host, settings.gateway_port
    )
    asyncio.run(Supervisor(components(settings, model), child_environment(settings)).run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
