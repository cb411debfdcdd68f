"""`python -m bot.runtime.supervisor`: start Rasa, the action server and the gateway, keep them up, stop them together.

Ctrl-C or SIGTERM stops all three. A component that dies is restarted (after 1, 2, 4 … 30 s) and the
restart is logged. The Rasa server and the action server bind to 127.0.0.1 only, without Rasa's HTTP API
unless a token protects it (rasa_ext/launch.py). Each secret goes to the one component that needs it,
by environment only: none is on a command line.
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


# Secrets, and the only components each goes to; the others never see them. The Redis address may
# hold a password: Rasa and the gateway need it, the action server does not.
SECRETS = {
    "LANTERN_PSEUDONYM_SECRET": ("gateway",),
    "TELEGRAM_BOT_TOKEN": ("gateway",),
    "TELEGRAM_WEBHOOK_SECRET": ("gateway",),
    "LANTERN_RASA_API_TOKEN": ("rasa",),
    "LANTERN_REDIS_URL": ("rasa", "gateway"),
}


def child_environment(settings: Settings) -> dict[str, str]:
    """What every component inherits: ports and times for endpoints.yml, Rasa's log level; no secrets."""
    env = {k: v for k, v in os.environ.items() if k not in SECRETS}
    env.update(
        {
            "LANTERN_ACTION_PORT": str(settings.action_port),
            "LANTERN_NLG_PORT": str(settings.nlg_port),
            "LANTERN_RASA_PORT": str(settings.rasa_port),
            "LANTERN_SESSION_TTL_MINUTES": str(settings.session_ttl_minutes),
            "LANTERN_CONVERSATION_MAX_MINUTES": str(settings.conversation_max_minutes),
            "LANTERN_SWEEP_SECONDS": str(settings.sweep_seconds),
            "LOG_LEVEL": settings.log_level,  # Rasa reads LOG_LEVEL; Lantern's setting decides it
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
    )
    return env


def secrets_for(component: str) -> dict[str, str]:
    """The secrets one component needs, from the environment; one pseudonym key for the whole run."""
    own = {name: os.environ[name] for name, owners in SECRETS.items() if component in owners and name in os.environ}
    if component == "gateway":
        own.setdefault("LANTERN_PSEUDONYM_SECRET", secrets.token_hex(32))
    return own


def components(settings: Settings, model: Path) -> list[Component]:
    """The action server, one Rasa server per worker (consecutive ports), and the gateway (LANTERN_ROLE
    all). A gateway host (LANTERN_RASA_URLS: the workers run elsewhere) starts only the gateway; an
    engine host the action server, the workers and the gateway process serving only the NLG endpoint."""
    py = sys.executable
    launch = [py, "-m", "rasa_ext.launch"]
    gateway = Component("gateway", [py, "-m", "bot.gateway"], secrets_for("gateway"))
    if settings.role == "gateway":
        return [gateway]
    interface = ["--interface", settings.rasa_bind]
    workers = [
        Component(
            "rasa" if settings.rasa_workers == 1 else f"rasa-{i + 1}",
            [*launch, "rasa", "--port", str(port), "--model", str(model), *interface],
            secrets_for("rasa"),
        )
        for i, port in enumerate(settings.rasa_ports)
    ]
    actions = Component("actions", [*launch, "actions", "--port", str(settings.action_port)], secrets_for("actions"))
    if settings.role == "engine":
        return [actions, *workers, Component("nlg", [py, "-m", "bot.gateway"], secrets_for("nlg"))]
    return [actions, *workers, gateway]


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
