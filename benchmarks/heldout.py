"""Reading the held-out examples (benchmarks/heldout/<lang>/*.yml): never used for training."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

HELDOUT = Path(__file__).resolve().parent / "heldout"
ENTITY_RE = re.compile(r"\[([^\]]+)\]\{[^}]*\}")
EXAMPLE_RE = re.compile(r"^\s*-\s+(.*)$")


def plain(example: str) -> str:
    return ENTITY_RE.sub(lambda m: m.group(1), example).strip()


def load(root: Path = HELDOUT) -> dict[str, list[tuple[str, str]]]:
    """language -> [(text, intent)]."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for file in sorted(lang_dir.glob("*.yml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            for block in data.get("nlu") or []:
                for line in str(block.get("examples") or "").splitlines():
                    match = EXAMPLE_RE.match(line)
                    if match:
                        out[lang_dir.name].append((plain(match.group(1)), block["intent"]))
    return dict(out)
