"""Seeded error injection for the fact checker: how many planted errors does it catch, how often does it cry wolf?

    python -m eval.facts_inject --src newstest2013.fr --ref newstest2013.en --seed 0 [--limit N] [--json FILE]

For each segment, and for each error kind the English reference allows, one copy of the reference gets one
controlled error:

- ``number-change``: one digit of a number changed (12,000 → 17,000), or a number word replaced (five → eight);
- ``number-drop``: a number deleted ("300 cases" → "cases") — only one the source has: a number the reference adds
  ("Seven testing points" for a source without one) is no fact of the source, and dropping it is no error;
- ``date-change``: a month or a weekday replaced by another one;
- ``name-swap``: a person's or organisation's name replaced by another person's, a place by another place (from
  fixed lists, never a name already in the segment);
- ``money-change``: the amount (one digit) or the currency (€ ↔ $ ↔ £) of a sum of money changed.

An injection counts as *detected* when checking the source against the corrupted reference reports an issue of the
expected type that checking it against the untouched reference did not. The *false-alarm rate* is the share of
segments flagged (any issue) when the untouched human reference is the translation. Candidates come from the
English extractor, so a number the extractor cannot see is never injected: recall is measured on what the checker
could in principle see, and the extractor's own blind spots show up in the false-alarm examples instead.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import typer

from service.facts.extract import extract_facts
from service.facts.match import check_translation
from service.facts.gazetteer import load_gazetteer
from service.facts.lexicon import load_lexicon
from service.facts.ner import load_ner
from service.facts.text import fold

KINDS = ("number-change", "number-drop", "date-change", "name-swap", "money-change")
EXPECTED = {"number-change": "number", "number-drop": "number", "date-change": "date", "name-swap": "name",
            "money-change": "money"}
TARGETS = {"number": 0.95, "date": 0.95, "money": 0.95, "name": 0.85}

PERSONS = [
    "Angela Merkel", "Vladimir Putin", "Boris Johnson", "Emmanuel Macron", "Xi Jinping", "Justin Trudeau",
    "Narendra Modi", "Jacinda Ardern", "Pedro Sanchez", "Shinzo Abe", "Jair Bolsonaro", "Cyril Ramaphosa",
    "Mark Rutte", "Sebastian Kurz", "Viktor Orban", "Theresa May", "Hillary Clinton", "Bernie Sanders",
    "Nicolas Sarkozy", "Francois Hollande", "Silvio Berlusconi", "Mariano Rajoy", "Recep Erdogan", "Kofi Annan",
]
SURNAMES = [p.split()[-1] for p in PERSONS]
PLACES = [
    "Madrid", "Lisbon", "Kenya", "Peru", "Oslo", "Vietnam", "Chicago", "Ohio", "Manila", "Nairobi", "Bolivia",
    "Finland", "Toronto", "Hanoi", "Marseille", "Bavaria", "Sydney", "Cairo", "Argentina", "Poland", "Bangkok",
    "Denmark", "Lagos", "Tunisia",
]
EN_NUMBER_WORDS = ["three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
                   "twenty", "thirty", "fifty"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CURRENCY_SWAP = [("€", "$"), ("$", "£"), ("£", "€"), ("euros", "dollars"), ("euro", "dollar"), ("dollars", "pounds"),
                 ("dollar", "pound"), ("pounds", "euros"), ("pound", "euro"), ("yuan", "dollars"), ("rupees", "euros"),
                 ("roubles", "dollars"), ("rubles", "dollars"), ("francs", "euros"), ("yen", "euros")]


def _change_digit(s: str, rng: random.Random) -> str | None:
    pos = [i for i, c in enumerate(s) if c.isdigit()]
    if not pos:
        return None
    i = rng.choice(pos)
    choices = [d for d in "0123456789" if d != s[i] and not (d == "0" and i == pos[0])]
    return s[:i] + rng.choice(choices) + s[i + 1 :]


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def inject(ref: str, kind: str, rng: random.Random, facts=None, source: str = "") -> str | None:
    """The reference with one error of ``kind``, or None when it offers no place for one."""
    facts = facts if facts is not None else extract_facts(ref, "en")
    if kind in ("number-change", "number-drop"):
        cands = [f for f in facts if f.type == "number" and not f.soft and not f.data.get("approx")
                 and not (f.data.get("words") and f.data.get("value", 0) < 3)]
        if not cands:
            return None
        f = rng.choice(cands)
        if kind == "number-drop":
            if source and not _source_has(f, source):
                return None  # a number the reference adds: dropping it brings the translation closer to the source
            start, end = f.start, f.end
            if end < len(ref) and ref[end] == " ":
                end += 1
            elif start > 0 and ref[start - 1] == " ":
                start -= 1
            return _replace(ref, start, end, "")
        if f.data.get("words"):
            word = re.match(r"[A-Za-z]+", f.text)
            choices = [w for w in EN_NUMBER_WORDS if w != word.group(0).lower()] if word else EN_NUMBER_WORDS
            new = rng.choice(choices)
            if f.text[:1].isupper():
                new = new.capitalize()
            return _replace(ref, f.start, f.start + (word.end() if word else len(f.text)), new)
        m = re.search(r"\d[\d,.\u00a0 ]*", f.text)
        new = _change_digit(m.group(0), rng) if m else None
        if new is None:
            return None
        return _replace(ref, f.start + m.start(), f.start + m.end(), new)
    if kind == "date-change":
        cands = []
        for f in facts:
            if f.type != "date":
                continue
            for m in re.finditer(r"\b(" + "|".join(MONTHS + WEEKDAYS) + r")\b", f.text):
                cands.append((f.start + m.start(), f.start + m.end(), m.group(1)))
        if not cands:
            return None
        s, e, w = rng.choice(cands)
        pool = MONTHS if w in MONTHS else WEEKDAYS
        return _replace(ref, s, e, rng.choice([x for x in pool if x != w]))
    if kind == "name-swap":
        gaz = load_gazetteer()
        cands = [f for f in facts if f.type == "name" and _swappable(f, gaz, ref)]
        if not cands:
            return None
        f = rng.choice(cands)
        here = fold(ref + " " + source)
        if _is_place(f, gaz):
            pool = PLACES
        elif len(f.text.split()) == 1:
            pool = SURNAMES
        else:
            pool = PERSONS
        pool = [p for p in pool if not any(fold(t) in here for t in p.split())]
        new = rng.choice(pool)
        return re.sub(r"\b" + re.escape(f.text) + r"\b", new, ref)
    if kind == "money-change":
        cands = [f for f in facts if f.type == "money" and not f.soft]
        if not cands:
            return None
        f = rng.choice(cands)
        if rng.random() < 0.5:
            for a, b in CURRENCY_SWAP:
                idx = f.text.find(a)
                if idx >= 0:
                    return _replace(ref, f.start + idx, f.start + idx + len(a), b)
        m = re.search(r"\d[\d,.]*", f.text)
        new = _change_digit(m.group(0), rng) if m else None
        if new is None:
            return None
        return _replace(ref, f.start + m.start(), f.start + m.end(), new)
    raise ValueError(kind)


_TITLES = {"mr", "mrs", "ms", "dr", "president", "minister", "mayor", "general", "governor", "senator", "judge",
           "professor", "prof", "colonel", "captain", "sir", "lord", "king", "queen", "prince", "pope", "chancellor",
           "secretary", "ambassador", "director", "chairman", "spokesman", "spokeswoman", "coach", "player", "author",
           "artist", "singer", "actor", "actress", "leader", "premier", "commissioner", "justice", "rabbi", "imam"}
_PLACE_CUES = {"in", "at", "from", "to", "near", "into", "across", "outside", "inside", "of"}


def _swappable(f, gaz, text: str = "") -> bool:
    """Person and place names only, told apart without the source: a place the gazetteer knows, or a capitalized
    word after "in / at / from / to / near"; a person's name of two or more distinctive words, or one after a title
    ("Mr", "President", "Dr"). Titles, nationalities, common words written with a capital ("Standard Model") are
    not names to swap."""
    from service.facts.spelling import common_word

    words = [w for w in f.data.get("tokens", f.text.split())]
    folded = [fold(w) for w in words]
    if all(w in gaz.en_not_names or w in gaz.words_en2fr for w in folded):
        return False
    if any(w in gaz.en_demonyms for w in folded):
        return False  # "American", "Iraqi": nationalities, not names
    if not re.search(r"[A-Za-z]", f.text):
        return False
    if fold(f.text) in gaz.en_places:
        return True
    prev = re.search(r"([A-Za-z]+)\W*$", text[: f.start])
    prev_word = prev.group(1).lower() if prev else ""
    distinctive = [w for w in words if fold(w) not in gaz.en_not_names and fold(w) not in gaz.words_en2fr
                   and not common_word(w, "en") and not (w.isupper() and len(w) <= 4)]
    if len(words) >= 2 and len(distinctive) == len(words):
        return True  # "Jens Stoltenberg", "Didier Deschamps"
    if len(words) == 1 and distinctive and prev_word in _TITLES | _PLACE_CUES:
        return True  # "Mr Tremblay", "in Montreal"
    return False


def _is_place(f, gaz) -> bool:
    ff = fold(f.text)
    return ff in {fold(p) for p in PLACES} or ff in gaz.en_places or len(f.text.split()) == 1


def _source_has(f, source: str) -> bool:
    """Does the French source have this English number (same value, or the same quantity in another unit)?"""
    from service.facts.units import same_quantity

    src = extract_facts(source, "fr")
    if any(k in p for k in f.keys for p in (g.provides for g in src)):
        return True
    return any(same_quantity(tuple(a), tuple(b)) for g in src for b in g.data.get("measure", [])
               for a in f.data.get("measure", []))


def _key(i) -> tuple:
    return (i.type, i.source, i.side, i.detail)


def run(src: list[str], ref: list[str], seed: int = 0, kinds=KINDS, examples: int = 5) -> dict:
    rng = random.Random(seed)
    flagged = 0
    fa_types: Counter[str] = Counter()
    fa_examples: list[dict] = []
    cand: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    hit_any: Counter[str] = Counter()
    misses: dict[str, list[dict]] = {k: [] for k in kinds}
    for n, (s, r) in enumerate(zip(src, ref), start=1):
        clean = check_translation(s, r)
        if clean:
            flagged += 1
            for t in {i.type for i in clean}:
                fa_types[t] += 1
            if len(fa_examples) < examples * 4:
                fa_examples.append({"line": n, "issues": [i.brief() for i in clean]})
        clean_keys = {_key(i) for i in clean}
        facts = extract_facts(r, "en")
        for kind in kinds:
            bad = inject(r, kind, rng, facts, s)
            if bad is None or bad == r:
                continue
            cand[kind] += 1
            new = [i for i in check_translation(s, bad) if _key(i) not in clean_keys]
            if any(i.type == EXPECTED[kind] for i in new):
                hit[kind] += 1
            elif len(misses[kind]) < examples:
                misses[kind].append({"line": n, "corrupted": bad})
            if new:
                hit_any[kind] += 1
    total = len(src)
    rows = {}
    for kind in kinds:
        c = cand[kind]
        rows[kind] = {"injected": c, "detected": hit[kind], "recall": hit[kind] / c if c else None,
                      "recall_any_type": hit_any[kind] / c if c else None}
    by_type: dict[str, dict] = {}
    for kind in kinds:
        t = EXPECTED[kind]
        b = by_type.setdefault(t, {"injected": 0, "detected": 0})
        b["injected"] += cand[kind]
        b["detected"] += hit[kind]
    for t, b in by_type.items():
        b["recall"] = b["detected"] / b["injected"] if b["injected"] else None
        b["target"] = TARGETS.get(t)
    return {
        "segments": total,
        "seed": seed,
        "signature": checker_signature(),
        "false_alarms": {"flagged": flagged, "rate": flagged / total if total else 0.0,
                         "by_type": {t: fa_types[t] / total for t in sorted(fa_types)}},
        "injections": rows,
        "recall_by_type": by_type,
        "false_alarm_examples": fa_examples,
        "missed_examples": misses,
    }


def checker_signature() -> str:
    """What these figures were measured with, sacrebleu-style: the NER model and the word lexicon (the figures move
    without the lexicon; see service/facts/lexicon.py)."""
    return f"ner:{load_ner().name}|lexicon:{load_lexicon().signature()}"


def format_table(res: dict) -> str:
    lines = [f"segments: {res['segments']}   seed: {res['seed']}   checker: {res.get('signature', '?')}",
             f"false alarms (untouched reference flagged): {res['false_alarms']['flagged']} "
             f"= {res['false_alarms']['rate']:.2%}   by type: "
             + ", ".join(f"{t} {v:.2%}" for t, v in res["false_alarms"]["by_type"].items()),
             "",
             f"{'injection':<15}{'injected':>10}{'detected':>10}{'recall':>9}{'any type':>10}"]
    for kind, r in res["injections"].items():
        rec = "-" if r["recall"] is None else f"{r['recall']:.1%}"
        anyt = "-" if r["recall_any_type"] is None else f"{r['recall_any_type']:.1%}"
        lines.append(f"{kind:<15}{r['injected']:>10}{r['detected']:>10}{rec:>9}{anyt:>10}")
    lines += ["", f"{'fact type':<15}{'injected':>10}{'detected':>10}{'recall':>9}{'target':>10}"]
    for t, b in res["recall_by_type"].items():
        rec = "-" if b["recall"] is None else f"{b['recall']:.1%}"
        tgt = f"≥{b['target']:.0%}" if b.get("target") else ""
        lines.append(f"{t:<15}{b['injected']:>10}{b['detected']:>10}{rec:>9}{tgt:>10}")
    return "\n".join(lines)


app = typer.Typer(add_completion=False)


@app.command()
def main(
    src: Path = typer.Option(..., help="French source, one segment per line."),
    ref: Path = typer.Option(..., help="English human reference, line-aligned with --src."),
    seed: int = typer.Option(0, help="Random seed: the same seed plants the same errors."),
    limit: int = typer.Option(0, help="Only the first N segments (0 = all)."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the full result (with examples) here."),
    show: int = typer.Option(0, help="Print this many missed injections and false alarms per kind."),
) -> None:
    """Plant controlled errors in the references and measure the fact checker's recall and false alarms."""
    s = src.read_text(encoding="utf-8").splitlines()
    r = ref.read_text(encoding="utf-8").splitlines()
    if len(s) != len(r):
        raise typer.BadParameter(f"--src has {len(s)} lines, --ref {len(r)}: they must be line-aligned")
    if limit:
        s, r = s[:limit], r[:limit]
    res = run(s, r, seed=seed, examples=max(show, 5))
    typer.echo(format_table(res))
    if show:
        typer.echo("\nmissed:")
        for kind, ex in res["missed_examples"].items():
            for e in ex[:show]:
                typer.echo(f"  {kind} line {e['line']}: {e['corrupted'][:200]}")
        typer.echo("\nfalse alarms:")
        for e in res["false_alarm_examples"][: show * 4]:
            typer.echo(f"  line {e['line']}: {json.dumps(e['issues'], ensure_ascii=False)[:300]}")
    if json_out:
        json_out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    app()
