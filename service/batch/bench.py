"""`python -m service.batch.bench`: documents per second of the local engine vs the Ray engine with 1 and 2
worker node processes on a loopback cluster, with the fixture models or the real opus-mt-fr-en architecture
(random weights). Prints one JSON line per configuration.

Random weights rarely emit </s>, so every sentence runs to the new-token cap: the cost per sentence is that of
a sentence of ``--max-new-tokens`` output tokens (state it when quoting the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _models(kind: str, root: Path) -> tuple[str, str]:
    from models.tiny import OPUS_MT_FR_EN, build_tiny_bart, build_tiny_marian

    if kind == "fixture":
        return str(build_tiny_marian(root / "marian")), str(build_tiny_bart(root / "bart"))
    # The published config, output vocabulary (59,514) included; token ids past the tiny tokenizer decode as <unk>.
    return str(build_tiny_marian(root / "opus", **OPUS_MT_FR_EN)), "extractive"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", choices=["fixture", "opus-mt-fr-en"], default="fixture")
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--max-new-tokens", type=int, default=16)
    parser.add_argument("--configs", default="local,ray1,ray2")
    args = parser.parse_args()

    from service.batch import api
    from service.batch.localcluster import LocalRayCluster
    from service.settings import Settings

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.service.batch.helpers import documents

    root = Path(tempfile.mkdtemp(prefix="wbbench"))
    translation, summary = _models(args.models, root)
    settings = Settings(
        translation_model=translation,
        summary_model=summary,
        max_new_tokens=args.max_new_tokens,
        num_beams=1,
        summary_num_beams=1,
        torch_threads=1,
        ray_actor_cpus=0.45,
        ray_task_cpus=0.1,
        db_path=root / "db.sqlite3",
    )
    texts = documents(args.docs, offset=5000)
    sentences = None
    for config in args.configs.split(","):
        cluster = None
        try:
            small_seconds = 0.0
            if config == "local":
                from service.pipeline import Pipeline

                pipeline = Pipeline.from_settings(settings)
                start = time.perf_counter()
                results = api.map_documents(texts, settings, "local", summaries=["headline"], pipeline=pipeline)
            else:
                import ray

                workers = int(config[-1])
                cluster = LocalRayCluster(head_cpus=0).start()
                for _ in range(workers):
                    cluster.add_worker(cpus=1)
                ray.init(address=cluster.address, log_to_driver=False, configure_logging=False)
                # Each Ray Data run starts its actors and loads the models (a fixed cost per window): time a
                # quarter and the whole set, and report the marginal rate between them as well.
                quarter = texts[: len(texts) // 4]
                start = time.perf_counter()
                small = api.map_documents(quarter, settings, "ray", summaries=["headline"])
                small_seconds = time.perf_counter() - start
                small_sentences = sum(len(r.sentences()) for r in small)
                start = time.perf_counter()
                results = api.map_documents(texts, settings, "ray", summaries=["headline"])
            elapsed = time.perf_counter() - start
            sentences = sum(len(r.sentences()) for r in results)
            marginal = None
            if config != "local" and elapsed > small_seconds:
                marginal = round((sentences - small_sentences) / (elapsed - small_seconds), 3)
            print(json.dumps({
                "marginal_sentences_per_s": marginal,
                "config": config, "models": args.models, "docs": len(texts), "sentences": sentences,
                "max_new_tokens": args.max_new_tokens, "seconds": round(elapsed, 2),
                "docs_per_s": round(len(texts) / elapsed, 3), "sentences_per_s": round(sentences / elapsed, 3),
                "load_avg_1min": os.getloadavg()[0],
            }), flush=True)
        finally:
            if cluster:
                import ray

                if ray.is_initialized():
                    ray.shutdown()
                cluster.stop()


if __name__ == "__main__":
    main()
