"""Which trained model belongs to the current checkout: its name is a hash of everything that shapes it.

An unchanged checkout reuses its model (models/lantern-<hash>.tar.gz); a changed one never runs with a
stale one. Shared by `make train` (scripts/train_if_changed.py) and the supervisor.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.runtime.settings import ROOT

# rasa_ext's tokenizer folds text with bot/common/folding.py, so that file shapes the model too.
INPUTS = (
    "config.yml",
    "domain",
    "nlu",
    "stories",
    "rasa_ext",
    "bot/common/folding.py",
    "bot/common/names.py",
    "requirements.lock",
)


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path(root: Path = ROOT, models_dir: Path | None = None) -> Path:
    return (models_dir or root / "models") / f"lantern-{fingerprint(root)}.tar.gz"
