"""Reading training examples from nlu/<lang>/*.yml, shared by `make check` and the language model."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.common.yaml_files import read_yaml

EXAMPLE_RE = re.compile(r"^\s*-\s+(.*)$")
ENTITY_RE = re.compile(r"\[([^\]]+)\]\{[^}]*\}|\[([^\]]+)\]\([^)]*\)")


def plain(example: str) -> str:
    """The example as a user would type it: entity markup removed ("[taxi](sector)" -> "taxi")."""
    return ENTITY_RE.sub(lambda m: m.group(1) or m.group(2), example).strip()


def _read(file: Path) -> Any:
    return read_yaml(file) or {}


def nlu_examples(nlu_dir: Path, read: Callable[[Path], Any] = _read) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """language -> intent -> [(example as written, file relative to the project)]."""
    out: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for lang_dir in sorted(p for p in nlu_dir.iterdir() if p.is_dir()):
        for file in sorted(lang_dir.rglob("*.yml")):
            data = read(file)
            blocks = data.get("nlu") if isinstance(data, dict) else None
            for block in blocks if isinstance(blocks, list) else []:
                intent = block.get("intent") if isinstance(block, dict) else None
                if not intent:
                    continue
                for line in str(block.get("examples") or "").splitlines():
                    match = EXAMPLE_RE.match(line)
                    if match:
                        out[lang_dir.name][intent].append((match.group(1), str(file.relative_to(nlu_dir.parent))))
    return out
