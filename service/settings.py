"""The one settings table. Every limit and default lives here; env prefix ``WIREBRIEF_``.

The CLI, the app, the API and the docs all read this table (``python -m service settings`` prints it),
so a limit is named once and enforced where input enters.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _default_data_root() -> Path:
    return (PROJECT_ROOT.parent / "shared" / "data").resolve()


def _default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("wirebrief")) / "wirebrief.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIREBRIEF_", extra="ignore")

    @field_validator("routes", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    # --- models -------------------------------------------------------------------------------------
    translation_model: str = Field(
        "opus-mt-tc-big-fr-en",
        description="FR→EN translation model: a registry name, a hub id or a local directory.",
    )
    summary_model: str = Field(
        "distilbart-cnn-12-6",
        description="English summarizer: a registry name, a hub id, a local directory, or 'extractive'.",
    )
    brief_model: str = Field(
        "qwen2.5-1.5b-instruct",
        description="Instruction-tuned model for editors' briefs: registry name, hub id or local directory.",
    )
    routes: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Extra source languages to load routes for at start-up (e.g. de,es; 'mul' = many-to-English).",
    )
    device: Literal["auto", "cpu", "cuda"] = Field("auto", description="Where models run; auto = CUDA if present.")
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = Field(
        "auto", description="Weights dtype; auto = float32 on CPU, bfloat16 on CUDA."
    )
    hf_cache_dir: Path | None = Field(None, description="Hugging Face cache directory (default: HF_HOME).")
    allow_download: bool = Field(
        False,
        description="Let start-up download missing weights. Off: weights come only from `python -m models fetch`.",
    )
    torch_threads: int = Field(
        0, ge=0, description="CPU threads for torch and CTranslate2 (intra-op); 0 = one per available core."
    )

    # --- speed (measured by `python -m eval bench`; README "Performance") -----------------------------
    translation_backend: Literal["auto", "transformers", "ctranslate2"] = Field(
        "auto",
        description="Translation engine. auto = the registry's choice (ctranslate2 for OPUS-MT models; transformers "
        "for local directories and unregistered hub ids, or when ctranslate2 is missing / has no GPU build).",
    )
    quantize: Literal["auto", "none", "int8"] = Field(
        "auto",
        description="int8 weights for translation. auto = int8 with the ctranslate2 backend on CPU, else none "
        "(torch's dynamic int8 scales activations per batch, so batched output could differ from one-at-a-time).",
    )
    summary_backend: Literal["auto", "transformers", "ctranslate2"] = Field(
        "auto",
        description="Seq2seq summarizer engine. auto = the registry's choice (ctranslate2 for distilbart/BART-CNN; "
        "transformers for local directories, or when ctranslate2 is missing / has no GPU build).",
    )
    summary_quantize: Literal["auto", "none", "int8"] = Field(
        "auto",
        description="int8 weights for the seq2seq summarizer (CTranslate2 int8, or torch dynamic int8 on the "
        "transformers backend). auto = int8 on CPU, none on CUDA.",
    )
    ct2_dir: Path | None = Field(
        None, description="Where CTranslate2 copies of checkpoints are kept (default: beside the HF cache)."
    )
    cross_request_batching: bool = Field(
        True, description="Sentences from concurrent requests share model batches (one queue per model)."
    )
    batch_wait_ms: float = Field(
        5.0, ge=0, le=1000, description="How long an idle model's queue waits for more requests before a batch."
    )

    # --- decoding ------------------------------------------------------------------------------------
    num_beams: int = Field(4, ge=1, le=16, description="Beam size for translation.")
    no_repeat_ngram_size: int = Field(0, ge=0, description="Block repeated n-grams in translation (0 = off).")
    max_new_tokens: int = Field(512, ge=8, description="Hard cap on generated tokens per sentence.")
    new_tokens_ratio: float = Field(
        2.0, gt=0, description="Max new tokens per sentence = ratio × source tokens + 10 (capped by max_new_tokens)."
    )
    token_budget: int = Field(
        2048, ge=64, description="Max padded source tokens in one translation batch (batch × longest sentence)."
    )
    max_batch_sentences: int = Field(32, ge=1, description="Max sentences in one translation batch.")
    max_sentence_tokens: int = Field(
        256, ge=16, description="Sentences longer than this (in model tokens) are split at clause boundaries."
    )
    sentence_cache_size: int = Field(50_000, ge=0, description="Translated sentences kept in memory for reuse.")
    summary_num_beams: int = Field(4, ge=1, le=16, description="Beam size for the seq2seq summarizer.")
    max_time: float = Field(120.0, gt=0, description="Per-request generation time limit, seconds.")

    # --- language detection --------------------------------------------------------------------------
    min_language_confidence: float = Field(
        0.5, ge=0, le=1, description="Below this, the detected language is reported as uncertain (warning)."
    )

    # --- input limits (enforced on the server) -------------------------------------------------------
    max_chars: int = Field(20_000, ge=1, description="Characters per dispatch (after normalization).")
    max_file_bytes: int = Field(5_000_000, ge=1, description="Bytes per uploaded file.")
    max_batch_files: int = Field(50, ge=1, description="Files per batch upload.")
    max_batch_rows: int = Field(5_000, ge=1, description="Rows per CSV/JSONL batch.")
    queue_size: int = Field(64, ge=1, description="Requests waiting for a model before new ones get 429.")
    concurrency: int = Field(2, ge=1, description="Requests processed at once.")

    # --- app / API ----------------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the app binds to.")
    port: int = Field(7860, ge=1, le=65535, description="Port the app listens on.")
    db_path: Path = Field(default_factory=_default_db_path, description="SQLite store (history, jobs, ratings).")

    # --- data ---------------------------------------------------------------------------------------
    data_root: Path = Field(
        default_factory=_default_data_root,
        description="Root of the evaluation data (newstest2013, FLORES-200, OrangeSum).",
    )

    def table(self) -> list[tuple[str, str, str]]:
        """(env var, current value, description) for every setting: what the CLI and docs print."""
        rows = []
        for name, field in type(self).model_fields.items():
            rows.append((f"WIREBRIEF_{name.upper()}", str(getattr(self, name)), field.description or ""))
        return rows


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
