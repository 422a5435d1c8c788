"""Random-weight models with the exact published configs of the production checkpoints, laid out as an offline
Hugging Face cache under the bench's work directory — so the pipeline loads them by their registry names through
exactly the production path (registry → HF cache → CTranslate2 conversion → load), with no download.

Tokenizers are trained on the benchmark's own news text (so sentences split into about as many pieces as with the
production tokenizers) and padded to the production vocabulary sizes. Built once per work directory and reused
(a marker file records what was built); the conversion for CTranslate2 happens here too, as at fetch time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from models.registry import ModelSpec, get
from models.tiny import (
    DISTILBART_CNN_12_6,
    OPUS_MT_FR_EN,
    OPUS_MT_TC_BIG_FR_EN,
    PUBLISHED_GENERATION,
    apply_published_generation,
    build_tiny_bart,
    build_tiny_marian,
)

from .data import BenchData

BUILDER_VERSION = 2
MARKER = ".wirebrief-bench.json"

CONFIGS: dict[str, dict] = {
    "opus-mt-fr-en": OPUS_MT_FR_EN,
    "opus-mt-tc-big-fr-en": OPUS_MT_TC_BIG_FR_EN,
    "distilbart-cnn-12-6": DISTILBART_CNN_12_6,
}
_TINY = dict(d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
             encoder_ffn_dim=32, decoder_ffn_dim=32, vocab_size=1000)
TINY_CONFIGS: dict[str, dict] = {name: {**config, **_TINY} for name, config in CONFIGS.items()}
"""The same architectures at toy sizes: the bench's machinery end to end in seconds (tests, `--tiny`)."""
TRANSLATION_ARCHS = ("opus-mt-fr-en", "opus-mt-tc-big-fr-en")
SUMMARY_ARCH = "distilbart-cnn-12-6"


@dataclass
class BenchModel:
    name: str
    spec: ModelSpec
    path: Path
    built_seconds: float


def hub_dir(work_dir: Path) -> Path:
    return Path(work_dir) / "hub"


def _key(config: dict, data: BenchData, tokenizer_vocab: int) -> str:
    payload = json.dumps(
        {"config": config, "builder": BUILDER_VERSION, "data": data.source, "vocab": tokenizer_vocab},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def prepare(
    work_dir: Path, names: list[str], data: BenchData, log=print, configs: dict[str, dict] | None = None
) -> dict[str, BenchModel]:
    """Build (or reuse) each named model in the work directory's HF cache; returns them by registry name.
    ``configs`` replaces the production sizes (tests run the whole bench on tiny ones)."""
    configs = configs or CONFIGS
    import time

    out: dict[str, BenchModel] = {}
    small = data.source.startswith("tiny")
    for name in names:
        spec = get(name)
        config = configs[name]
        # Translation: sentencepiece models of 8000 pieces per language trained on the news text. Summarizer: a
        # byte-level BPE trained up to the production size (it learns every corpus word as one token).
        tokenizer_vocab = 300 if small else 8000
        if spec.task == "summarization":
            tokenizer_vocab = max(tokenizer_vocab, config["vocab_size"])
        key = _key({**config, "generation": PUBLISHED_GENERATION[name]} if name in PUBLISHED_GENERATION else config,
                   data, tokenizer_vocab)
        commit = spec.revision or hashlib.sha1(f"wirebrief-bench:{name}".encode()).hexdigest()
        repo = hub_dir(work_dir) / f"models--{spec.hub_id.replace('/', '--')}"
        snapshot = repo / "snapshots" / commit
        marker = snapshot / MARKER
        started = time.perf_counter()
        if marker.exists() and json.loads(marker.read_text()).get("key") == key:
            built = 0.0
        else:
            log(f"building random-weight {name} ({spec.architecture}, d_model {config['d_model']}) …")
            if snapshot.exists():
                shutil.rmtree(snapshot)
            corpora = {"fr": data.fr_lines, "en": data.en_lines}
            # The vocabulary size comes from the padded tokenizer (pad_vocab_to), equal to the config's.
            sizes = {k: v for k, v in config.items() if k != "vocab_size"}
            if spec.task == "translation":
                build_tiny_marian(
                    snapshot, vocab_size=tokenizer_vocab, pad_vocab_to=config["vocab_size"], corpora=corpora, **sizes
                )
            else:
                build_tiny_bart(
                    snapshot, vocab_size=tokenizer_vocab, pad_vocab_to=config["vocab_size"], corpora=corpora, **sizes
                )
                if name in PUBLISHED_GENERATION:  # decodes with the checkpoint's own settings, as the real one
                    apply_published_generation(snapshot, name)
            (repo / "refs").mkdir(parents=True, exist_ok=True)
            (repo / "refs" / "main").write_text(commit)
            marker.write_text(json.dumps({"key": key, "name": name}))
            built = time.perf_counter() - started
        out[name] = BenchModel(name=name, spec=spec, path=snapshot, built_seconds=built)
    return out

