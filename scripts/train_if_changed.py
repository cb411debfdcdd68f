"""`make train`: train a model only when none matches the current training data, domain, config and code
(bot/runtime/model_files.py names a model after a hash of all that)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bot.content import domain_responses
from bot.runtime.model_files import model_path
from bot.runtime.settings import ROOT


def train(models_dir: Path) -> Path:
    """One training at a time (a lock file); a finished training removes only older models."""
    models_dir.mkdir(parents=True, exist_ok=True)
    with (models_dir / ".train.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _train_locked(models_dir)


def _train_locked(models_dir: Path) -> Path:
    if domain_responses.write():
        print("domain/responses.yml updated")
    target = model_path(models_dir=models_dir)
    if target.exists():
        print(f"model up to date: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    cmd = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        "config.yml",
        "--domain",
        "domain",
        "--data",
        "nlu",
        "stories",
        "--out",
        str(models_dir),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
    ]
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONPATH=str(ROOT))
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    seconds = time.monotonic() - started
    for old in models_dir.glob("lantern-*.tar.gz"):
        if old != target and old.stat().st_mtime < target.stat().st_mtime:
            old.unlink()
    examples = sum(line.lstrip().startswith("- ") for f in (ROOT / "nlu").rglob("*.yml") for line in f.open())
    (models_dir / "training.json").write_text(json.dumps({"seconds": seconds, "examples": examples}))
    print(f"trained {target.name} in {seconds:.0f} s ({examples} examples)")
    return target


if __name__ == "__main__":
    out = Path(os.environ.get("LANTERN_MODELS_DIR", ROOT / "models"))
    train(out)
