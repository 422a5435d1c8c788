"""Render the benchmark's dict as the text tables the command prints and the README shows."""

from __future__ import annotations


def _f(value, digits: int = 2, suffix: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}{suffix}"


def _spread(pair, digits: int = 2, suffix: str = "") -> str:
    """'(min–max)' over the repeats, next to a median."""
    if not pair or None in pair:
        return ""
    return f" ({_f(pair[0], digits)}–{_f(pair[1], digits)}{suffix})"


def headline_table(arch: str, res: dict) -> list[str]:
    own = res.get("own_caps")
    if not own:
        return []
    lines = [
        f"### {arch} — the whole pipeline at the model's own output caps: {own['sentences']} sentences from raw text "
        f"(paragraphs of 3, a dateline), {own['repeats']} interleaved repeats, medians (min–max over the repeats; "
        "ratios: median of per-repeat ratios); tokens/s count exactly the generated tokens",
        "",
        "| engine | tokens/s | sentences/s | × bare CT2 | × naive |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in own["rows"]:
        lines.append(f"| {row['label']} | {_f(row['tokens_per_s'], 1)}{_spread(row.get('tokens_per_s_spread'), 1)} | "
                     f"{_f(row['sentences_per_s'])} | "
                     f"{_f(row['vs_ct2'], 2, '×')}{_spread(row.get('vs_ct2_spread'), 2, '×')} | "
                     f"{_f(row['vs_naive'], 1, '×')}{_spread(row.get('vs_naive_spread'), 1, '×')} |")
    batches = own.get("batches") or {}
    per_repeat = own.get("batches_per_repeat") or {}
    varied = [key for key, runs in per_repeat.items() if any(b != runs[0] for b in runs)]
    lines += [
        "",
        f"Model batches for the bench text: new {batches.get('new')}, old {batches.get('old')} (bare CT2: "
        f"{batches.get('ct2')})" + (f"; they changed between repeats for {', '.join(varied)}: {per_repeat}"
                                    if varied else "; the same in every repeat") + ". "
        f"Time to the first paragraph (median): new "
        f"{_f(own.get('first_paragraph_s'), 2, ' s')}{_spread(own.get('first_paragraph_s_spread'), 2, ' s')}, "
        f"old {_f(own.get('first_paragraph_old_s'), 2, ' s')}. Over HTTP the app's translations equal the in-process "
        f"pipeline's: {own.get('http_same_as_pipeline')}.",
        "",
    ]
    return lines


def throughput_table(arch: str, res: dict) -> list[str]:
    if not res.get("throughput"):
        return []
    lines = [
        f"### {arch} — {res['sentences']} news sentences (mean {res['mean_source_words']:.1f} words), "
        f"outputs forced to {res.get('forced_new_tokens', 40)} new tokens (tokens/s counts them without the end token)",
        "",
        "| | engine | weights | beams | sentences/s | tokens/s | × naive (a) | × CT2 int8 (d) |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in res["throughput"]:
        note = f" ({row['note']})" if row.get("note") else ""
        lines.append(
            f"| {row['group']} | {row['label']}{note} | {row.get('weights', '')} | {row['beams']} | "
            f"{_f(row['sentences_per_s'])} | "
            f"{_f(row['tokens_per_s'], 1)} | {_f(row['vs_naive'], 1, '×')} | {_f(row['vs_ct2_int8'], 2, '×')} |"
        )
    return lines


def dispatch_lines(arch: str, res: dict) -> list[str]:
    probe, cache, conc = res.get("probe") or {}, res.get("cache") or {}, res.get("concurrency") or {}
    first, warm = probe.get("first_request") or {}, probe.get("warm_request") or {}
    timings = first.get("timings", {})
    if not (probe or cache or conc or res.get("app_concurrency")):
        return []
    lines = [
        "",
        f"{arch}, default CPU profile ({', '.join(sorted({m['backend'] + ' ' + m['dtype'] for m in probe.get('models', [])}))}):",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| cold start to ready (process start → models loaded from local weights), median of "
        f"{len(probe.get('cold_starts_s') or [1])} | {_f(probe.get('cold_start_median_s'), 1, ' s')} "
        f"({', '.join(_f(v, 1) for v in probe.get('cold_starts_s') or [])}) |",
        f"| … of which Python imports | {_f(probe.get('import_s'), 1, ' s')} |",
        f"| {first.get('words', '?')}-word dispatch end to end, first request (translate + {len(first.get('summary_methods', {}))} summaries) "
        f"| {_f(first.get('seconds'), 1, ' s')} |",
        f"| … translate / summarize / detect language | {_f(timings.get('translate'), 1, ' s')} / "
        f"{_f(timings.get('summarize'), 1, ' s')} / {_f(timings.get('detect'), 1, ' s')} |",
        f"| time to first translated paragraph, first request | {_f(first.get('first_paragraph_s'), 2, ' s')} |",
        f"| time to first translated paragraph ({warm.get('first_paragraph_sentences', '?')} sentences), warm, median "
        f"of {len(probe.get('warm_first_paragraph_s') or [])} | {_f(probe.get('first_paragraph_median_s'), 2, ' s')} "
        f"({', '.join(_f(v, 2) for v in probe.get('warm_first_paragraph_s') or [])}) |",
        f"| whole translation, warm ({warm.get('sentences', '?')} sentences) | {_f(warm.get('seconds'), 1, ' s')} |",
        f"| peak resident memory, models loaded | {_f(probe.get('peak_rss_ready_mb'), 0, ' MB')} |",
        f"| peak resident memory, after the dispatch | {_f(probe.get('peak_rss_mb'), 0, ' MB')} |",
    ]
    if cache:
        lines += [
            f"| sentence cache: dispatch translated cold | {_f(cache.get('cold_s'), 2, ' s')} |",
            f"| … re-sent unchanged ({cache.get('resent_translated')} sentences translated) | "
            f"{_f(cache.get('resent_s'), 3, ' s')} ({_f(cache.get('resent_speedup'), 0, '×')}) |",
            f"| … updated: 1 paragraph replaced, 1 added ({cache.get('updated_translated')} of "
            f"{cache.get('updated_sentences')} sentences translated) | {_f(cache.get('updated_s'), 2, ' s')} "
            f"({_f(cache.get('updated_speedup'), 1, '×')}) |",
        ]
    wire = res.get("update") or {}
    if wire:
        lines += [
            f"| wire update (1 paragraph added, 1 figure changed): diff vs fresh translation + summaries "
            f"({wire.get('update_translated')} vs {wire.get('fresh_translated')} of {wire.get('sentences')} sentences "
            f"translated) | {_f(wire.get('update_s'), 2, ' s')} vs {_f(wire.get('fresh_s'), 2, ' s')} "
            f"({_f(wire.get('update_vs_fresh'), 3)}{_update_spread(wire)}) |",
        ]
    for per, c in conc.items():
        single, multi = c["single_user"], c["users_with_queue"]
        lines += [
            f"| {per}-sentence requests: 1 user, {single['requests']} requests | "
            f"{_f(single['sentences_per_s'])} sentences/s |",
            f"| … {multi['users']} users with the batching queue (mean batch {_f(multi['mean_batch_sentences'], 1)} "
            f"sentences) | {_f(multi['sentences_per_s'])} sentences/s ({_f(c['gain_with_queue'], 1, '×')}) |",
        ]
        if "users_without_queue" in c:
            off = c["users_without_queue"]
            lines.append(
                f"| … {off['users']} users without it | {_f(off['sentences_per_s'])} sentences/s "
                f"({_f(c['gain_without_queue'], 1, '×')}) |"
            )
    app = res.get("app_concurrency")
    if app:
        single, multi = app["single_user"], app["users"]
        lines += [
            f"| running app over HTTP, 1-sentence requests: 1 user, {single['requests']} requests | "
            f"{_f(single['sentences_per_s'])} sentences/s (p95 {_f(single['p95_latency_s'], 2, ' s')}) |",
            f"| … {multi['users']} users at once, {multi['requests']} requests | {_f(multi['sentences_per_s'])} "
            f"sentences/s ({_f(app['gain'], 1, '×')}; p95 {_f(multi['p95_latency_s'], 2, ' s')}; "
            f"{len(multi['errors'])} errors) |",
        ]
    return lines


def long_lines(arch: str, res: dict) -> list[str]:
    """The long-dispatch timelines: each round of the REST stream, sent again after every partial Result."""
    return _long_lines(arch, res.get("long_dispatch")) + _long_lines(arch, res.get("long_dispatch_own_caps"))


def _long_lines(arch: str, long: dict | None) -> list[str]:
    if not long:
        return []
    if long.get("forced_ratio"):
        lengths = (f"translations forced to {long['forced_ratio']:g} × source tokens, summaries to "
                   f"{long['summary_tokens']} tokens (realistic lengths)")
    else:
        lengths = "every output at the model's own cap (an upper bound: random weights never stop early)"
    lines = ["", f"{arch}, long dispatch ({long['words']} words, {long['paragraphs']} paragraphs) over the REST stream, "
             f"time limit {long['time_limit_s']:g} s per request, sent again after each partial Result; {lengths}:", "",
             "| round | ended | seconds | first paragraph | paragraphs done | summaries |", "|---|---|---:|---:|---:|---|"]
    for i, r in enumerate(long["rounds"], 1):
        lines.append(f"| {i} | {r['ended']} | {_f(r['seconds'], 1)} | {_f(r['first_paragraph_s'], 1)} | "
                     f"{r['paragraphs_done']} of {r['paragraphs_total']} | {', '.join(r['summaries']) or '–'} |")
    lines.append(f"| all | {'done' if long['done'] else 'NOT done'} | {_f(long['total_s'], 1)} | | "
                 f"{long['limit_hits']} limit hits | |")
    return lines


def target_lines(out: dict) -> list[str]:
    lines = ["", "| target | arch | measured | limit | met |", "|---|---|---:|---:|---|"]
    for t in out.get("targets", []):
        met = {True: "yes", False: "NO", None: "–"}[t["met"]]
        lines.append(f"| {t['target']} | {t['arch']} | {_f(t['value'], 2)}{_spread(t.get('spread'))} | "
                     f"{t['direction']} {t['limit']:g} | {met} |")
    return lines


def render(out: dict) -> str:
    m = out["machine"]
    lines = [
        f"wirebrief bench ({out['mode']}), {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, torch {m['torch']}, "
        f"ctranslate2 {m['ctranslate2']}, load average at start {_load(out.get('load_average_start'))}, "
        f"at end {_load(out.get('load_average_end'))}; {out.get('seconds', 0):.0f} s",
        f"default profile: {out.get('default_profile')}",
        f"data: {out.get('data')}",
        "",
    ]
    for arch, res in out["archs"].items():
        lines += (headline_table(arch, res) + throughput_table(arch, res) + dispatch_lines(arch, res)
                  + long_lines(arch, res) + [""])
    lines += ["Targets (pipeline vs CTranslate2: median ratio of adjacent runs; cold start and first paragraph: "
              "medians):"] + target_lines(out)
    return "\n".join(lines)


def _load(value) -> str:
    return "–" if not value else "/".join(f"{v:.1f}" for v in value)


def _update_spread(wire: dict) -> str:
    """Median of the pairs' ratios: say how many pairs and their range."""
    spread = wire.get("update_vs_fresh_spread")
    if not spread:
        return ""
    return f", median of {wire.get('pairs')} pairs, {spread[0]:.3f}–{spread[1]:.3f}"
