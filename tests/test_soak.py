"""A short run of the soak (scripts/soak.py): clients asking while the cascade is reloaded over
and over get every answer whole and none fails. The long runs are the script's, not the suite's."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.support.paths import REPO_ROOT


def test_clients_asking_through_reloads_get_whole_answers_and_no_failure(graph, tmp_path):
    figures = tmp_path / "soak.json"
    command = [sys.executable, str(REPO_ROOT / "scripts" / "soak.py"), "--clients", "4", "--seconds", "8"]
    command += ["--reload-every", "1", "--json", str(figures)]
    finished = subprocess.run(command, cwd=REPO_ROOT, env=os.environ, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
    result = json.loads(figures.read_text())
    assert result["requests"] > 0 and result["reloads"] >= 1, result
    assert result["server_errors"] == 0 and result["inconsistent"] == 0, result
