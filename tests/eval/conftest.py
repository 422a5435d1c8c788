"""Fixtures for the evaluation harness tests: the real test sets (skipped with the reason when absent) and a tiny
synthetic translation suite that needs no data at all."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eval.data import DatasetNotFound, locate
from eval.suites import load_suite


def _need(suite_name: str) -> tuple[Path, Path]:
    spec = load_suite(suite_name).dataset
    try:
        src, ref, _ = locate(spec, download=False)
    except DatasetNotFound as exc:
        pytest.skip(f"{exc} — set WIREBRIEF_DATA_ROOT to a folder holding it (see eval/suites/README.md)")
    return src, ref


@pytest.fixture(scope="session")
def newstest() -> tuple[Path, Path]:
    return _need("newstest2013")


@pytest.fixture(scope="session")
def orangesum_dir() -> Path:
    src, ref = _need("orangesum")
    if not (ref.parent / "barthez.txt").is_file():
        pytest.skip(f"BARThez outputs missing: {ref.parent / 'barthez.txt'}")
    return ref.parent


SOURCES = [
    "Le gouvernement a annoncé vendredi une hausse de 3,5 % du budget de la défense.",
    "Les ministres de l'Otan se réunissent à Bruxelles pour discuter de la mission en Irak.",
    "Le président a déclaré que la situation restait très préoccupante dans le nord du pays.",
    "La police a arrêté deux suspects mardi soir après une longue enquête.",
    "Les prix de l'énergie ont augmenté de 12 % depuis le début de l'année.",
    "Le match a été reporté en raison des fortes pluies tombées sur la région.",
]
REFERENCES = [
    "The government announced on Friday a 3.5% increase in the defence budget.",
    "NATO ministers are meeting in Brussels to discuss the mission in Iraq.",
    "The president said the situation remained very worrying in the north of the country.",
    "Police arrested two suspects on Tuesday evening after a long investigation.",
    "Energy prices have risen by 12% since the start of the year.",
    "The match was postponed because of heavy rain in the region.",
]


@pytest.fixture
def tiny_suite(tmp_path: Path) -> Path:
    """A 6-segment FR→EN suite with absolute paths (no data root needed) and a copy-source system."""
    src, ref = tmp_path / "tiny.fr", tmp_path / "tiny.en"
    src.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    ref.write_text("\n".join(REFERENCES) + "\n", encoding="utf-8")
    suite = {
        "name": "tiny",
        "description": "six synthetic dispatch sentences",
        "task": "translation",
        "dataset": {"name": "tiny-fr-en", "source": str(src), "reference": str(ref)},
        "system": "copy-source",
        "systems": {"copy-source": {"type": "copy-source"}},
        "primary": "chrf",
        "options": {"worst": 3},
        "checks": {"coverage": {}, "length_ratio": {}, "repetition": {}, "untranslated": {}},
    }
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(suite, allow_unicode=True), encoding="utf-8")
    return path


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
