"""Every setting Lantern reads, from environment variables with safe defaults, parsed in one place."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project folder (this file is bot/runtime/settings.py)


class SettingsError(ValueError):
    """A variable is set to a value Lantern cannot use; the message names it."""


def _int(env: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from exc
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _float(env: dict[str, str], name: str, default: float, low: float, high: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from exc
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
    return value


def parse_trusted(value: str) -> frozenset[str]:
    """'127.0.0.1, ::1' -> addresses; raise ValueError naming a bad entry."""
    out = set()
    for item in filter(None, (part.strip() for part in value.split(","))):
        try:
            out.add(str(ipaddress.ip_address(item)))
        except ValueError:
            raise ValueError(f"not an IP address: {item!r}") from None
    return frozenset(out)


def _str(env: dict[str, str], name: str, default: str) -> str:
    return env.get(name, "").strip() or default


@dataclass(frozen=True)
class Settings:
    """Frozen view of the environment; build it with `Settings.from_env()`."""

    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8080
    nlg_port: int = 5056
    rasa_url: str = ""  # empty: Rasa on loopback at rasa_port (see engine_urls)
    rasa_urls: tuple[str, ...] = ()  # Rasa workers on other hosts (LANTERN_RASA_URLS)
    rasa_port: int = 5005
    rasa_workers: int = 1  # Rasa server processes on consecutive loopback ports from rasa_port
    redis_url: str = field(default="", repr=False)  # shared state (Rasa's trackers and locks, the gateway's)
    role: str = "all"  # what this machine runs: all, gateway (workers elsewhere), engine (workers + NLG)
    rasa_bind: str = "127.0.0.1"  # the interface Rasa workers listen on (an engine host's private one)
    action_port: int = 5055
    engine_timeout: float = 3.0
    default_region: str = "GB"
    default_language: str = "en"
    session_ttl_minutes: float = 30.0  # idle conversations are erased after this (a fraction for tests)
    conversation_max_minutes: float = 240.0  # any conversation is erased this long after it began
    pseudonym_secret: bytes = field(default=b"", repr=False)
    locales_dir: Path = ROOT / "locales"
    models_dir: Path = ROOT / "models"
    nlu_dir: Path = ROOT / "nlu"  # the language model learns from it; not a setting of its own
    log_level: str = "INFO"
    max_body_bytes: int = 8192
    max_text_chars: int = 2000
    rate_per_session: int = 30
    rate_per_client: int = 120
    trusted_proxies: frozenset[str] = frozenset()
    reload_seconds: float = 2.0
    quick_exit_url: str = "https://www.bbc.co.uk/weather"
    hsts_seconds: int = 0  # Strict-Transport-Security max-age; set it only when served over HTTPS
    rasa_api_token: str = field(default="", repr=False)
    telegram_token: str = field(default="", repr=False)
    telegram_api_url: str = ""
    telegram_webhook_secret: str = field(default="", repr=False)
    telegram_webhook_url: str = ""

    @property
    def session_ttl_seconds(self) -> float:
        return self.session_ttl_minutes * 60.0

    @property
    def sweep_seconds(self) -> float:
        """How often idle state is erased: an idle conversation is gone within TTL + this (at most 30 s)."""
        return max(0.5, min(30.0, self.session_ttl_seconds / 4))

    @property
    def engine_url(self) -> str:
        """Where the gateway reaches Rasa's REST channel (the first worker)."""
        return self.engine_urls[0]

    @property
    def engine_urls(self) -> tuple[str, ...]:
        """Every Rasa worker the gateway may send a conversation to, in a fixed order."""
        if self.rasa_urls:
            return self.rasa_urls
        if self.rasa_url:
            return (self.rasa_url,)
        return tuple(f"http://127.0.0.1:{port}" for port in self.rasa_ports)

    @property
    def rasa_ports(self) -> tuple[int, ...]:
        """The loopback ports of the Rasa workers this machine runs."""
        return tuple(range(self.rasa_port, self.rasa_port + self.rasa_workers))

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read `LANTERN_*` (and `TELEGRAM_*`) variables; raise SettingsError naming a bad one."""
        env = dict(os.environ if env is None else env)
        d = cls()  # each default is written once, in the fields above
        secret = env.get("LANTERN_PSEUDONYM_SECRET", "")
        region = _str(env, "LANTERN_DEFAULT_REGION", d.default_region).upper()
        level = _str(env, "LANTERN_LOG_LEVEL", d.log_level).upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise SettingsError(f"LANTERN_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {level!r}")
        rasa_port = _int(env, "LANTERN_RASA_PORT", d.rasa_port, 1, 65535)
        redis_url = env.get("LANTERN_REDIS_URL", "").strip()
        if redis_url and not redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise SettingsError("LANTERN_REDIS_URL must start with redis://, rediss:// or unix://")
        workers = _int(env, "LANTERN_RASA_WORKERS", d.rasa_workers, 1, 16)
        if workers > 1 and not redis_url:
            raise SettingsError(
                "LANTERN_RASA_WORKERS above 1 needs LANTERN_REDIS_URL: the workers share conversations through "
                "Redis (for example LANTERN_REDIS_URL=redis://127.0.0.1:6379/0)"
            )
        if workers > 1 and rasa_port + workers - 1 > 65535:
            raise SettingsError("LANTERN_RASA_PORT + LANTERN_RASA_WORKERS must stay below 65536")
        role = _str(env, "LANTERN_ROLE", d.role).lower()
        if role not in ("all", "gateway", "engine"):
            raise SettingsError(f"LANTERN_ROLE must be all, gateway or engine, got {role!r}")
        rasa_bind = _str(env, "LANTERN_RASA_BIND", d.rasa_bind)
        try:
            ipaddress.ip_address(rasa_bind)
        except ValueError:
            raise SettingsError(f"LANTERN_RASA_BIND must be an IP address, got {rasa_bind!r}") from None
        if redis_url and not secret and role != "engine":  # engine hosts make no pseudonyms
            raise SettingsError(
                "LANTERN_REDIS_URL needs LANTERN_PSEUDONYM_SECRET: every gateway must turn an id into the same "
                "pseudonym (generate one with: python3 -c 'import secrets; print(secrets.token_hex(32))')"
            )
        rasa_urls = tuple(u.strip().rstrip("/") for u in env.get("LANTERN_RASA_URLS", "").split(",") if u.strip())
        for url in rasa_urls:
            if not url.startswith(("http://", "https://")):
                raise SettingsError(f"LANTERN_RASA_URLS: {url!r} is not an http(s) address")
        try:
            trusted_proxies = parse_trusted(env.get("LANTERN_TRUSTED_PROXIES", ""))
        except ValueError as exc:
            raise SettingsError(f"LANTERN_TRUSTED_PROXIES: {exc}") from None
        return cls(
            gateway_host=_str(env, "LANTERN_HOST", d.gateway_host),
            gateway_port=_int(env, "LANTERN_PORT", d.gateway_port, 1, 65535),
            nlg_port=_int(env, "LANTERN_NLG_PORT", d.nlg_port, 1, 65535),
            rasa_port=rasa_port,
            rasa_url=env.get("LANTERN_RASA_URL", "").strip(),
            rasa_urls=rasa_urls,
            rasa_workers=workers,
            redis_url=redis_url,
            role="gateway" if rasa_urls and role == "all" else role,
            rasa_bind=rasa_bind,
            action_port=_int(env, "LANTERN_ACTION_PORT", d.action_port, 1, 65535),
            engine_timeout=_float(env, "LANTERN_ENGINE_TIMEOUT", d.engine_timeout, 0.1, 30.0),
            default_region=region,
            default_language=_str(env, "LANTERN_DEFAULT_LANGUAGE", d.default_language),
            session_ttl_minutes=_float(env, "LANTERN_SESSION_TTL_MINUTES", d.session_ttl_minutes, 0.05, 24 * 60),
            conversation_max_minutes=_float(
                env, "LANTERN_CONVERSATION_MAX_MINUTES", d.conversation_max_minutes, 0.05, 7 * 24 * 60
            ),
            # Unset: a fresh random key per start, so pseudonyms cannot be linked across restarts.
            pseudonym_secret=secret.encode() if secret else secrets.token_bytes(32),
            locales_dir=Path(_str(env, "LANTERN_LOCALES_DIR", str(d.locales_dir))),
            models_dir=Path(_str(env, "LANTERN_MODELS_DIR", str(d.models_dir))),
            log_level=level,
            max_body_bytes=_int(env, "LANTERN_MAX_BODY_BYTES", d.max_body_bytes, 1024, 1_048_576),
            max_text_chars=_int(env, "LANTERN_MAX_TEXT_CHARS", d.max_text_chars, 1, 2000),
            rate_per_session=_int(env, "LANTERN_RATE_PER_SESSION", d.rate_per_session, 1, 100_000),
            rate_per_client=_int(env, "LANTERN_RATE_PER_CLIENT", d.rate_per_client, 1, 1_000_000),
            trusted_proxies=trusted_proxies,
            reload_seconds=_float(env, "LANTERN_RELOAD_SECONDS", d.reload_seconds, 0.2, 3600.0),
            quick_exit_url=_str(env, "LANTERN_QUICK_EXIT_URL", d.quick_exit_url),
            hsts_seconds=_int(env, "LANTERN_HSTS_SECONDS", d.hsts_seconds, 0, 2 * 365 * 24 * 3600),
            rasa_api_token=env.get("LANTERN_RASA_API_TOKEN", "").strip(),
            telegram_token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            telegram_api_url=env.get("TELEGRAM_API_URL", "").strip(),
            telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", "").strip(),
            telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL", "").strip(),
        )
