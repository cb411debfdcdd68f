"""A throwaway redis-server on a free loopback port, for tests and benchmarks: no persistence, no
password, gone when stopped. Debian's redis-server (`make redis` installs it)."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from scripts.stack import free_port, stop

REDIS_SERVER = "redis-server"


@dataclass
class RedisServer:
    proc: subprocess.Popen
    port: int
    folder: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, decode_responses=True, socket_timeout=2)

    def stop(self) -> None:
        stop(self.proc, grace=5)

    def restart(self) -> None:
        """Start again on the same port (empty, as after a crash without persistence)."""
        self.stop()
        fresh = start_redis(self.folder, self.port)
        self.proc = fresh.proc


def start_redis(folder: Path, port: int | None = None, timeout: float = 20.0) -> RedisServer:
    if shutil.which(REDIS_SERVER) is None:
        raise RuntimeError("redis-server is missing: run `make redis` (apt-get install -y redis-server)")
    port = port or free_port()
    folder.mkdir(parents=True, exist_ok=True)
    argv = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    argv += ["--dir", str(folder), "--protected-mode", "yes"]
    proc = subprocess.Popen(
        argv, stdout=(folder / f"redis-{port}.log").open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )
    server = RedisServer(proc, port, folder)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if server.client().ping():
                return server
        except redis.RedisError:
            time.sleep(0.1)
    stop(proc)
    raise TimeoutError(f"redis-server did not answer on port {port} within {timeout:.0f} s")
