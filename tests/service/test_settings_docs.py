"""The docs read from the one settings table: docs/settings.md is generated from it and must stay in step."""

import os
import subprocess
import sys
from pathlib import Path

from service.settings import Settings, settings_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_docs_settings_table_is_current():
    expected = settings_markdown(Settings.defaults_table())
    actual = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/settings.md is stale: run `python -m service settings --markdown > docs/settings.md`"


def test_every_setting_is_documented_and_env_overridable(monkeypatch):
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
    monkeypatch.setenv("WIREBRIEF_MAX_CHARS", "123")
    monkeypatch.setenv("WIREBRIEF_ROUTES", "de, es")
    settings = Settings()
    assert settings.max_chars == 123 and settings.routes == ["de", "es"]


def test_cli_prints_the_table():
    env = dict(os.environ, WIREBRIEF_PORT="7999")
    out = subprocess.run([sys.executable, "-m", "service", "settings"], env=env, capture_output=True, text=True,
                         timeout=60, check=True, cwd=ROOT)  # fmt: skip
    line = next(line for line in out.stdout.splitlines() if line.startswith("WIREBRIEF_PORT"))
    assert "7999" in line and "Port the app listens on" in line
