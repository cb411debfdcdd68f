"""`rasa test core` over the end-to-end stories, failing on any prediction error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.runtime.model_files import model_path
from bot.runtime.settings import ROOT

pytestmark = pytest.mark.stack  # runs `rasa test` on the trained model


def test_end_to_end_stories_pass_without_prediction_errors(tmp_path: Path) -> None:
    model = model_path()
    assert model.exists(), "run `make train` first (make test does)"
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "test",
            "core",
            "--model",
            str(model),
            "--stories",
            str(Path(__file__).parent / "stories.yml"),
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, details
