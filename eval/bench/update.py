"""The cost of a wire update: an editor who translated version 1 of the dispatch receives version 2 (one paragraph
added, one figure changed). ``update_s``: the Diff of version 2 against the stored version 1 (translation of what
is new — the rest comes from the sentence cache —, alignment, fact changes, what's-new summary). ``fresh_s``:
version 2 translated and summarized from scratch (every per-sentence cache empty). Both in this process, in
interleaved pairs, on the same pipeline; the median of the pairs' ratios is a target (``update_vs_fresh`` ≤ 0.25)."""

from __future__ import annotations

import re
import statistics
import time

from eval.bench.caches import cold


def make_update(dispatch: str, new_paragraph: str) -> tuple[str, dict]:
    """Version 2 of ``dispatch``: ``new_paragraph`` inserted after the first paragraph and the first figure of a
    later paragraph raised by 5 (a corrected toll). Returns the text and what was changed."""
    paragraphs = dispatch.split("\n\n")
    changed = None
    for k in range(1, len(paragraphs)):
        m = next((m for m in re.finditer(r"(?<![\w.,-])\d+(?![\w.,])", paragraphs[k])
                  if not 1900 <= int(m.group(0)) <= 2100), None)
        if m is not None:
            after = str(int(m.group(0)) + 5)
            paragraphs[k] = paragraphs[k][: m.start()] + after + paragraphs[k][m.end() :]
            changed = {"paragraph": k, "before": m.group(0), "after": after}
            break
    paragraphs.insert(1, new_paragraph)
    return "\n\n".join(paragraphs), {"figure": changed, "inserted_paragraph": 1}


def update_cost(pipeline, dispatch: str, new_paragraph: str, summaries: list[str], repeats: int = 3) -> dict:
    """``repeats`` pairs of (fresh, update), interleaved and alternating which runs first. Fresh: version 2 from a
    cold pipeline (``cold``). Update: a cold pipeline translates version 1 (untimed: what the editor already has,
    which warms the caches exactly as in the product), then the Diff of version 2 against it is timed.
    ``update_vs_fresh`` is the median of the pairs' ratios (each pair measured back to back, so a change of the
    machine's load hits both sides), with their spread."""
    from service.diff import diff_with_pipeline

    updated, edit = make_update(dispatch, new_paragraph)
    fresh_runs: list[float] = []
    update_runs: list[float] = []
    info: dict = {}

    def fresh() -> None:
        cold(pipeline)
        started = time.perf_counter()
        result = pipeline.run(updated, summaries=summaries, source_language="fr")
        fresh_runs.append(time.perf_counter() - started)
        info["fresh_translated"] = sum(not s.cached for s in result.sentences())
        info["sentences"] = len(result.sentences())
        info["fresh_timings"] = result.timings

    def update() -> None:
        cold(pipeline)
        previous = pipeline.run(dispatch, summaries=summaries, source_language="fr")  # what the editor already has
        started = time.perf_counter()
        diff = diff_with_pipeline(pipeline, previous, updated, summaries=summaries, source_language="fr")
        update_runs.append(time.perf_counter() - started)
        info["update_translated"] = sum(not s.cached for s in diff.current.sentences())
        info["fact_changes"] = [f.detail for f in diff.facts]
        info["counts"] = diff.counts
        info["update_timings"] = diff.timings

    for rep in range(repeats):  # alternate which goes first, so neither gains from the machine's state
        for step in ((fresh, update) if rep % 2 == 0 else (update, fresh)):
            step()
    ratios = [u / f for f, u in zip(fresh_runs, update_runs) if f]
    fresh_s, update_s = statistics.median(fresh_runs), statistics.median(update_runs)
    return {
        "words": len(dispatch.split()),
        "summaries": summaries,
        "edit": edit,
        "pairs": len(ratios),
        "fresh_s": fresh_s,
        "update_s": update_s,
        "update_vs_fresh": statistics.median(ratios) if ratios else None,
        "update_vs_fresh_spread": [min(ratios), max(ratios)] if ratios else None,
        "update_vs_fresh_of_medians": update_s / fresh_s if fresh_s else None,
        "runs": {"fresh_s": fresh_runs, "update_s": update_runs, "ratios": ratios},
        **info,
    }


def main(argv: list[str] | None = None) -> None:
    """This section alone, on the quick bench's models (production sizes, random weights) and options:
    ``python -m eval.bench.update WORK_DIR [REPEATS]`` prints the JSON that ``bench --quick`` stores under
    ``archs.<arch>.update``."""
    import json
    import sys
    from pathlib import Path

    from service.pipeline import Pipeline
    from service.profile import convert_for_settings
    from service.settings import get_settings
    from service.translate.decoding import DecodingConfig

    from .data import load_data
    from .models import SUMMARY_ARCH, prepare
    from .options import BenchOptions, profile_settings

    args = sys.argv[1:] if argv is None else argv
    opts = BenchOptions.for_mode(Path(args[0]), quick=True)
    data = load_data(get_settings().data_root)
    arch = opts.archs[0]
    models = prepare(opts.work_dir, [arch, SUMMARY_ARCH], data)
    settings = profile_settings(opts, arch)
    for model in models.values():
        convert_for_settings(settings, model.spec, model.path)
    decoding = DecodingConfig(**{**DecodingConfig.from_settings(settings).signature(),
                                 "forced_new_tokens": opts.forced_new_tokens})
    pipeline = Pipeline.from_settings(settings, decoding=decoding)
    out = update_cost(pipeline, data.dispatch(), " ".join(data.pool(3, skip=2600)), opts.summaries,
                      repeats=int(args[1]) if len(args) > 1 else 3)
    pipeline.close()
    print(json.dumps({"arch": arch, "data": data.source, **out}, indent=1))


if __name__ == "__main__":
    main()
