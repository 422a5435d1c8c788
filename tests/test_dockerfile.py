"""Docker does not run on these machines, so the image is kept correct by construction: every command the
Dockerfile runs is run here, and every path it copies exists."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instructions(name: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return [m.group(1).strip() for m in re.finditer(rf"^{name}\s+(.*)$", joined, re.M)]


def test_base_image_matches_the_python_we_test_on():
    assert _instructions("FROM") == [f"python:{sys.version_info.major}.{sys.version_info.minor}-slim"]


def test_copied_paths_exist_and_requirements_are_the_pinned_file():
    for copy in _instructions("COPY"):
        source = copy.split()[0]
        assert (ROOT / source).exists(), f"Dockerfile copies {source}, which does not exist"
    assert any("pip install -r requirements.txt" in run for run in _instructions("RUN"))
    # the fact checker's word lexicon (service/facts/lexicon.py reads it from /usr/share/dictd)
    assert any("dict-freedict-fra-eng dict-freedict-eng-fra" in run for run in _instructions("RUN"))
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, f"unpinned requirement: {line}"


def test_runs_as_a_non_root_user_before_fetch_and_start():
    users = [m.start() for m in re.finditer(r"^USER\s+(\S+)", DOCKERFILE, re.M)]
    assert users and re.search(r"^USER\s+wirebrief", DOCKERFILE, re.M)
    assert users[0] < DOCKERFILE.index("python -m models fetch") < DOCKERFILE.index("CMD")


def test_fetch_step_names_pinned_default_models():
    assert "python -m models fetch" in _instructions("RUN")
    out = subprocess.run([sys.executable, "-m", "models", "fetch", "--dry-run"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=True, env=dict(os.environ))  # fmt: skip
    assert "would fetch opus-mt-tc-big-fr-en" in out.stdout and "would fetch distilbart-cnn-12-6" in out.stdout
    assert "a4f8f3ea906ed274767e9906dbaede7531d660ff" in out.stdout


def test_healthcheck_and_cmd_point_at_the_real_app():
    from service.api.routes import ROUTERS

    [health] = _instructions("HEALTHCHECK")
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/[^'\"]+)", health)
    assert url and url.group(1) == re.search(r"WIREBRIEF_PORT=(\d+)", DOCKERFILE).group(1)
    paths = {route.path for router in ROUTERS for route in router.routes}
    assert url.group(2) in paths
    assert _instructions("CMD") == ['["python", "-m", "service"]']
    help_out = subprocess.run([sys.executable, "-m", "service", "--help"], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, check=True)  # fmt: skip
    assert "Start the web app" in help_out.stdout
