"""Hand-written date rules against ``dateparser``, on the fact checker's own measure (issue 15: "dates through a
library where it beats the hand-written rules on your dev data").

    python -m eval.facts_dates_compare --src dev.fr --ref dev.en [--limit N]

Runs the date part of ``eval.facts_inject`` on the same lines: with ``service/facts/dates.py``; with every date fact
taken from ``dateparser.search.search_dates`` instead (each match's granularity from
``DateDataParser.get_date_data``: a day, a month, a year or a time, turned into the checker's keys); and with only
those of dateparser's matches that name a date (a month or weekday word, a four-digit year, a clock time). Prints, for
each: date false alarms (lines whose untouched reference gets a date issue), date-change recall, and the seconds
spent extracting dates.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path

import typer

from service.facts import extract as extract_module
from service.facts.model import Fact

_WEEKDAY = {
    "fr": re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b", re.IGNORECASE),
    "en": re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE),
}


def dateparser_dates(text: str, lang: str, numerals, starts, named_only: bool = False):
    """``find_dates``' contract, from dateparser: date facts with the checker's keys, and the spans they claim.
    ``named_only``: keep only matches that name a date (a month or weekday word, a four-digit year, a clock time),
    giving dateparser the benefit of the doubt on "25%", "$35", "two years" (which its search reads as dates)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    found = search_dates(text, languages=[lang], settings={"RETURN_AS_TIMEZONE_AWARE": False}) or []
    if named_only:
        found = [(sub, when) for sub, when in found if _NAMES_A_DATE[lang].search(sub)]
    parser = _parser(lang, DateDataParser)
    facts: list[Fact] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for substring, when in found:
        start = text.find(substring, at)
        if start < 0:
            continue
        end = start + len(substring)
        at = end
        period = (parser.get_date_data(substring).period or "day") if substring.strip() else "day"
        keys = []
        if _WEEKDAY[lang].search(substring) and not re.search(r"\d", substring):
            keys.append(f"w:{when.isoweekday()}")
        elif period == "time" or re.search(r"\d[:h]\d\d", substring):
            keys.append(f"t:{when.hour:02d}:{when.minute:02d}")
        elif period == "day":
            keys.append(f"dm:{when.day}-{when.month}")
        elif period == "month":
            keys.append(f"m:{when.month}")
        elif period == "year":
            keys.append(f"y:{when.year}")
        provides = list(keys)
        if re.search(r"\b\d{4}\b", substring):
            provides.append(f"y:{when.year}")
        if period in ("day", "month"):
            provides.append(f"m:{when.month}")
        facts.append(Fact(type="date", text=substring, start=start, end=end, value=keys[0] if keys else substring,
                          keys=keys or [f"d:{substring.lower()}"], provides=sorted(set(provides + keys))))
        spans.append((start, end))
    return facts, spans


_MONTHS = {
    "fr": r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre",
    "en": r"january|february|march|april|may|june|july|august|september|october|november|december",
}
_NAMES_A_DATE = {
    lang: re.compile(rf"\b(?:{_MONTHS[lang]})\b|{_WEEKDAY[lang].pattern}|\b\d{{4}}\b|\d[:h]\d\d", re.IGNORECASE)
    for lang in ("fr", "en")
}


def dateparser_named_dates(text: str, lang: str, numerals, starts):
    return dateparser_dates(text, lang, numerals, starts, named_only=True)


_PARSERS: dict[str, object] = {}


def _parser(lang: str, cls):
    if lang not in _PARSERS:
        _PARSERS[lang] = cls(languages=[lang])
    return _PARSERS[lang]


@contextmanager
def _dates_from(finder):
    """Every extraction in this block takes its dates from ``finder`` (and its time is counted)."""
    spent = [0.0]
    original = extract_module.find_dates

    def timed(*args):
        t0 = time.perf_counter()
        try:
            return finder(*args)
        finally:
            spent[0] += time.perf_counter() - t0

    extract_module.find_dates = timed
    try:
        yield spent
    finally:
        extract_module.find_dates = original


def compare(src: list[str], ref: list[str], seed: int = 0) -> dict[str, dict]:
    from eval.facts_inject import run

    rows = {}
    finders = (("hand-written rules", extract_module.find_dates), ("dateparser", dateparser_dates),
               ("dateparser, named", dateparser_named_dates))
    for name, finder in finders:
        with _dates_from(finder) as spent:
            res = run(src, ref, seed=seed, kinds=("date-change",))
        inj = res["injections"]["date-change"]
        rows[name] = {
            "date_false_alarms": res["false_alarms"]["by_type"].get("date", 0.0),
            "injected": inj["injected"],
            "detected": inj["detected"],
            "recall": inj["recall"],
            "seconds": spent[0],
        }
    return rows


app = typer.Typer(add_completion=False)


@app.command()
def main(
    src: Path = typer.Option(..., exists=True, dir_okay=False, help="French source, one segment per line."),
    ref: Path = typer.Option(..., exists=True, dir_okay=False, help="English reference, line-aligned with --src."),
    limit: int = typer.Option(0, help="Only the first N segments (0 = all)."),
    seed: int = typer.Option(0),
) -> None:
    """Date false alarms and date-change recall: hand-written rules against dateparser."""
    s = src.read_text(encoding="utf-8").splitlines()
    r = ref.read_text(encoding="utf-8").splitlines()
    if limit:
        s, r = s[:limit], r[:limit]
    rows = compare(s, r, seed)
    typer.echo(f"{'dates from':<20}{'false alarms':>14}{'injected':>10}{'detected':>10}{'recall':>9}{'seconds':>9}")
    for name, row in rows.items():
        rec = "-" if row["recall"] is None else f"{row['recall']:.1%}"
        typer.echo(f"{name:<20}{row['date_false_alarms']:>14.2%}{row['injected']:>10}{row['detected']:>10}{rec:>9}"
                   f"{row['seconds']:>9.1f}")


if __name__ == "__main__":
    app()
