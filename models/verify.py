"""Conformance kit, `python -m models verify [NAME…] [--quick]`: does this install behave like the published models?

Where a model's weights are on this machine it is loaded through the service's own code (models.load + the
service's translator / summarizer classes, with the options the settings select) and checked, one line per check:

- ``examples``   the model card's example translations come out as published;
- ``typography`` French typography (’ « » U+00A0 U+202F …) reaches the model without ``<unk>`` pieces;
- ``parity``     greedy output of the transformers and CTranslate2 engines (float32) is identical on 50 newstest2013
  sentences;
- ``bleu``       BLEU on newstest2013 within 1.0 of the published figure (``--quick``: first 500 sentences, 2.5);
- ``presets``    the summarizer's presets meet their word limits on 20 dispatches without falling back.

Without the weights (or the newstest2013 data) it says exactly what to fetch and exits non-zero. ``expectations``
replaces the published figures (the test suite runs the kit on fixture models with fixture expectations).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .registry import ModelSpec, resolve

# From the model cards (huggingface.co/Helsinki-NLP/<name>, README "Usage" and "Benchmarks").
PUBLISHED: dict[str, dict] = {
    "opus-mt-tc-big-fr-en": {
        "examples": [["J'ai adoré l'Angleterre.", "I loved England."],
                     ["C'était la seule chose à faire.", "It was the only thing to do."]],
        "bleu": 34.8,
    },
    "opus-mt-fr-en": {"examples": [], "bleu": 33.9},
}
TOLERANCE = {"full": 1.0, "quick": 2.5}
SIZES = {"quick": 500, "parity": 50, "dispatches": 20, "dispatch_sentences": 12}
"""How much text each check reads; expectations may shrink them (the fixture test does, to stay fast)."""
TYPOGRAPHY = [
    "L’Otan a annoncé qu’elle renforcerait sa mission\u202f: «\u00a0Nous ne partirons pas\u00a0», a dit le ministre.",
    "Le budget atteint 12\u202f000\u00a0euros… selon l’AFP, “une première”.",
]
NEWSTEST = "newstest2013-fr-en"
FETCH_DATA = (
    "sacrebleu -t wmt13 -l fr-en --echo src > {dir}/newstest2013.fr && "
    "sacrebleu -t wmt13 -l fr-en --echo ref > {dir}/newstest2013.en"
)


@dataclass
class Line:
    ok: bool
    model: str
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'}  {self.model}  {self.check}: {self.detail}"


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)
    to_fetch: list[str] = field(default_factory=list)

    def add(self, line: Line, echo: Callable[[str], None]) -> None:
        self.lines.append(line)
        echo(str(line))

    @property
    def ok(self) -> bool:
        return bool(self.lines) and all(line.ok for line in self.lines)


def newstest(data_root: Path) -> tuple[list[str], list[str]] | None:
    folder = Path(data_root) / NEWSTEST
    fr, en = folder / "newstest2013.fr", folder / "newstest2013.en"
    if not (fr.exists() and en.exists()):
        return None
    return fr.read_text(encoding="utf-8").splitlines(), en.read_text(encoding="utf-8").splitlines()


def _engine(settings, spec: ModelSpec, backend: str | None = None, quantize: str | None = None, greedy=False):
    """A translator built exactly as the service builds its base translator (service.pipeline.build.build_stack)."""
    from dataclasses import replace

    from models.load import load
    from service.profile import translation_options
    from service.translate.ct2 import CT2Translator
    from service.translate.decoding import DecodingConfig
    from service.translate.hf import HFTranslator

    options = translation_options(settings, spec)
    loaded = load(
        spec, device=settings.device, dtype="float32" if backend else settings.dtype, cache_dir=settings.hf_cache_dir,
        quantize=quantize or options.quantize, backend=backend or options.backend, threads=settings.torch_threads,
        ct2_dir=settings.ct2_dir,
    )
    decoding = DecodingConfig.from_settings(settings)
    if greedy:
        decoding = replace(decoding, num_beams=1)
    engine = CT2Translator if loaded.backend == "ctranslate2" else HFTranslator
    return engine(loaded, decoding, token_budget=settings.token_budget, max_batch_sentences=settings.max_batch_sentences)


def verify_translation(name, settings, expected: dict, data, quick: bool, report: Report, echo, sizes=SIZES) -> None:
    from models import ct2

    spec = resolve(name, "translation")
    label = spec.name
    try:
        service = _engine(settings, spec)
    except Exception as exc:  # not fetched (ModelNotAvailableError) or not loadable: say what to do
        report.to_fetch.append(spec.name if spec.hub_id else name)
        report.add(Line(False, label, "weights", f"{type(exc).__name__}: {str(exc).splitlines()[0]}"), echo)
        return
    loaded = service.loaded
    report.add(Line(True, label, "weights", f"{loaded.backend} {loaded.dtype} @ {loaded.revision}"), echo)
    examples = expected.get("examples") or []
    if examples:
        got = service.translate([src for src, _ in examples])
        wrong = [f"{src!r} → {out!r} (card: {want!r})" for (src, want), out in zip(examples, got) if out != want]
        report.add(Line(not wrong, label, "examples",
                        "; ".join(wrong) or f"{len(examples)} model-card examples as published"), echo)
    unk = loaded.tokenizer.unk_token_id
    bad = [s for s in TYPOGRAPHY if unk is not None and unk in service.encode(s)]
    report.add(Line(not bad, label, "typography",
                    f"<unk> in {bad}" if bad else f"{len(TYPOGRAPHY)} typographic sentences, no <unk>"), echo)
    if data is None:
        folder = Path(settings.data_root) / NEWSTEST
        report.add(Line(False, label, "data", f"newstest2013 not under {folder}: mkdir -p {folder} && "
                        + FETCH_DATA.format(dir=folder) + " (or set WIREBRIEF_DATA_ROOT)"), echo)
        return
    sources, references = data
    if ct2.available():
        hf = _engine(settings, spec, backend="transformers", quantize="none", greedy=True)
        c2 = _engine(settings, spec, backend="ctranslate2", quantize="none", greedy=True)
        count = sizes["parity"]
        a, b = hf.translate(sources[:count]), c2.translate(sources[:count])
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        report.add(Line(not diff, label, "parity", f"transformers vs ctranslate2 greedy float32: "
                        f"{count - len(diff)}/{count} identical"
                        + (f"; first difference at sentence {diff[0]}: {a[diff[0]]!r} vs {b[diff[0]]!r}" if diff else "")),
                   echo)
    else:
        report.add(Line(False, label, "parity", "ctranslate2 is not installed (pip install -r requirements.txt)"), echo)
    published = expected.get("bleu")
    if published is None:
        report.add(Line(False, label, "bleu", "no published newstest2013 BLEU for this model: pass --expectations"), echo)
        return
    import sacrebleu

    n = sizes["quick"] if quick else len(sources)
    tolerance = expected.get("tolerance", TOLERANCE["quick" if quick else "full"])
    hyps = service.translate(sources[:n])
    score = sacrebleu.corpus_bleu(hyps, [references[:n]]).score
    report.add(Line(abs(score - published) <= tolerance, label, "bleu",
                    f"{score:.1f} on newstest2013[:{n}] vs published {published} (±{tolerance})"), echo)


def verify_summarizer(name, settings, data, report: Report, echo, sizes=SIZES) -> None:
    from service.pipeline.build import build_summarizer
    from service.summarize.fit import count_words
    from service.summarize.presets import PRESETS

    label = resolve(name, "summarization").name
    try:
        summarizer, _ = build_summarizer(settings.model_copy(update={"summary_model": name}))
    except Exception as exc:
        report.to_fetch.append(label)
        report.add(Line(False, label, "weights", f"{type(exc).__name__}: {str(exc).splitlines()[0]}"), echo)
        return
    if data is None:
        report.add(Line(False, label, "presets", f"newstest2013 not under {settings.data_root}"), echo)
        return
    english = data[1]
    per = sizes["dispatch_sentences"]
    dispatches = [english[i * per:(i + 1) * per] for i in range(sizes["dispatches"])]
    problems, runs = [], 0
    for preset in PRESETS.values():
        for d, sentences in enumerate(dispatches):
            summary = summarizer.summarize(sentences, preset)
            runs += 1
            items = summary.items or [summary.text]
            over = [i for i in items if summary.word_limit and count_words(i) > summary.word_limit]
            if summary.method != summarizer.method:
                problems.append(f"{preset.name}#{d} fell back ({summary.method})")
            elif over:
                problems.append(f"{preset.name}#{d} over {summary.word_limit} words")
    report.add(Line(not problems, label, "presets", f"{runs - len(problems)}/{runs} summaries within limits by the "
                    "model" + (f"; {', '.join(problems[:5])}" if problems else "")), echo)


def run(names: list[str], settings, *, quick=False, expectations: dict | None = None, echo=print) -> Report:
    """Check each named model (default: the configured translation and summary models); return the report."""
    expected = expectations or {"translation": PUBLISHED}
    sizes = {**SIZES, **expected.get("sizes", {})}
    report = Report()
    data = newstest(settings.data_root)
    if not names:
        names = [settings.translation_model]
        if not settings.summary_model.startswith("extractive"):
            names.append(settings.summary_model)
    for name in names:
        task = _task(name)
        if task == "summarization":
            verify_summarizer(name, settings, data, report, echo, sizes)
        else:
            key = resolve(name, "translation").name
            wanted = expected.get("translation", {}).get(key, {})
            verify_translation(name, settings, wanted, data, quick, report, echo, sizes)
    if report.to_fetch:
        echo(f"missing weights: python -m models fetch {' '.join(report.to_fetch)}")
    return report


def load_expectations(path: Path | None) -> dict | None:
    return json.loads(Path(path).read_text(encoding="utf-8")) if path else None


def _task(name: str) -> str:
    from .registry import UnknownModelError, get

    try:
        return get(name).task
    except UnknownModelError:
        path = Path(name)
        if (path / "config.json").exists():
            config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            return "summarization" if config.get("model_type") == "bart" else "translation"
        return "translation"
