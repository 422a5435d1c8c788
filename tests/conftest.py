"""Shared fixtures: tiny models of the real architectures, built once per test session (seconds), and a Pipeline
over them that goes through exactly the production loading code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.service.live_fixtures"]

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
# The product's default data root is data/ inside the project (docs/data.md). On the development machine the
# evaluation data sits beside the checkout; tests that need data skip, saying what is missing, where neither is.
_BESIDE = Path(__file__).resolve().parents[1].parent / "shared" / "data"
if "WIREBRIEF_DATA_ROOT" not in os.environ and not (Path(__file__).resolve().parents[1] / "data").exists() and _BESIDE.exists():
    os.environ["WIREBRIEF_DATA_ROOT"] = str(_BESIDE)


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> dict[str, Path]:
    from models.tiny import build_tiny_bart, build_tiny_marian, build_tiny_qwen2

    root = tmp_path_factory.mktemp("tiny-models")
    return {
        "marian": build_tiny_marian(root / "marian"),
        "bart": build_tiny_bart(root / "bart"),
        "qwen2": build_tiny_qwen2(root / "qwen2"),
    }


@pytest.fixture(scope="session")
def production_models(tmp_path_factory, data_root) -> dict[str, Path]:
    """Fixture models that look like production where vocabulary matters — token counts, batching budgets, clause
    splitting, typography: opus-mt-fr-en's vocabulary size (59,514) and special ids, SentencePiece models of
    thousands of pieces trained on the shared news data (models.tiny.build_production_like_marian). Slower to
    decode than ``tiny_models`` (a 59k-way output layer), so the tests that only need *a* model keep those."""
    from models.tiny import build_production_like_marian

    root = tmp_path_factory.mktemp("production-like")
    return {"marian": build_production_like_marian(root / "marian", data_root)}


@pytest.fixture(scope="session")
def tiny_settings(tiny_models, tmp_path_factory):
    from service.settings import Settings

    return Settings(
        translation_model=str(tiny_models["marian"]),
        summary_model=str(tiny_models["bart"]),
        brief_model=str(tiny_models["qwen2"]),
        brief_max_new_tokens=24,
        num_beams=2,
        summary_num_beams=2,
        # Random weights rarely emit </s>: every sentence would run to its cap. Keep caps small in tests.
        max_new_tokens=40,
        # Tiny models gain nothing from intra-op threads, and on 2 busy cores two threads ran ~10× slower.
        torch_threads=1,
        db_path=tmp_path_factory.mktemp("db") / "wirebrief.sqlite3",
    )


@pytest.fixture(scope="session")
def pipeline(tiny_settings):
    from service.pipeline import Pipeline

    return Pipeline.from_settings(tiny_settings)


@pytest.fixture(scope="session")
def data_root() -> Path:
    from service.settings import get_settings

    return get_settings().data_root


def require_data(data_root: Path, relative: str) -> Path:
    """The path of a shared test set, or skip saying exactly what is missing and how to provide it."""
    path = data_root / relative
    if not path.exists():
        pytest.skip(
            f"test data {relative} not found under {data_root}; set WIREBRIEF_DATA_ROOT to a folder that holds it"
        )
    return path


@pytest.fixture(scope="session")
def tiny_chat(tiny_models):
    """The tiny Qwen2 chat model, loaded by the production loader and wrapped as the brief generator."""
    from models.load import load
    from models.registry import resolve
    from service.brief.generate import ChatGenerator

    return ChatGenerator(load(resolve(str(tiny_models["qwen2"]), "chat")))
