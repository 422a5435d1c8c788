"""Realistic update pairs built from real dispatches, with their true alignment and the fact changes planted.

Bases: the sample dispatch (../shared/data/samples) and three newstest2013 articles (consecutive lines, three
sentences a paragraph). Edits, each as an agency's next version would make it: a paragraph inserted at the top
(a new figure and a new speaker), numbers and a weekday corrected, a quotation replaced, a sentence split, two
sentences merged, paragraphs reordered, a pure typo fix.

Every sentence of a version is a ``Unit`` that knows which sentences of the previous version it comes from, so
the true alignment is known by construction. ``python -m tests.service.diff.updates`` prints the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from service.facts import extract_facts
from service.text.segment import segment

NEWSTEST = "newstest2013-fr-en/newstest2013.fr"
SAMPLE = "samples/otan-irak.fr.txt"
ARTICLES = {"elections": (1, 52), "cancer": (73, 104), "quebec": (212, 260)}
"""newstest2013 articles: line ranges (0-based, end excluded) of one story each."""

INSERT_FACTS = {
    "sample": ("750", "Florence Parly", "C'est un signal fort envoyé à Bagdad"),
    "elections": ("19", "Eric Holder", "Ces lois visent d'abord les électeurs noirs et hispaniques"),
    "cancer": ("23 600", "Marie Tremblay", "Le dépistage doit rester une décision partagée avec le médecin"),
    "quebec": ("42", "Robert Lafrenière", "Le ménage ne fait que commencer"),
}
"""What each inserted paragraph brings: a figure, a speaker, a quotation."""
INSERTS = {
    "sample": [
        "Les ministres ont aussi décidé de porter à 750 le nombre de formateurs de l'Otan en Irak d'ici mars, "
        "a indiqué jeudi un diplomate.",
        "\"C'est un signal fort envoyé à Bagdad\", a déclaré la ministre française des Armées Florence Parly.",
    ],
    "elections": [
        "Selon un nouveau décompte publié mardi, 19 États ont désormais adopté ces lois.",
        "\"Ces lois visent d'abord les électeurs noirs et hispaniques\", a déclaré le ministre Eric Holder.",
    ],
    "cancer": [
        "Selon les chiffres publiés lundi, 23 600 hommes recevront un diagnostic de cancer de la prostate cette année.",
        "\"Le dépistage doit rester une décision partagée avec le médecin\", a déclaré l'urologue Marie Tremblay.",
    ],
    "quebec": [
        "Selon un rapport publié mercredi, 42 entreprises ont été exclues des contrats publics depuis janvier.",
        "\"Le ménage ne fait que commencer\", a déclaré le commissaire Robert Lafrenière.",
    ],
}
NEW_QUOTE = "Nous ne céderons rien sur ce point et nous le dirons clairement à nos partenaires"
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@dataclass(frozen=True)
class Planted:
    """A fact change made by an edit: its type, kind and the fact as written before / after."""

    type: str
    change: str
    before: str | None = None
    after: str | None = None

    def shown_by(self, fact) -> bool:
        """``fact`` (a FactChange) surfaces this change: same type, and the text on the side(s) it should be."""
        return fact.type == self.type and (
            (self.after is not None and self.after in (fact.current or ""))
            or (self.before is not None and self.before in (fact.previous or ""))
        )

    def classified_by(self, fact) -> bool:
        """... and says exactly what happened (same kind, both sides)."""
        return (fact.type == self.type and fact.change == self.change
                and (self.after is None or self.after in (fact.current or ""))
                and (self.before is None or self.before in (fact.previous or "")))


@dataclass
class Unit:
    text: str
    origin: frozenset[int] = frozenset()


@dataclass
class Case:
    base: str
    edit: str
    old_text: str
    new_text: str
    gold: set[tuple[int, int]]
    """True links (previous sentence index, current sentence index)."""
    facts: list[Planted] = field(default_factory=list)
    """The fact changes the edits made."""
    substantive: bool = True
    reordered: bool = False

    @property
    def name(self) -> str:
        return f"{self.base}/{self.edit}"


def render(paragraphs: list[list[Unit]]) -> str:
    return "\n\n".join(" ".join(u.text for u in p) for p in paragraphs if p)


def sentences(text: str) -> list[str]:
    return [s.text for p in segment(text, "fr") for s in p]


def base_texts(data_root: Path) -> dict[str, str]:
    out = {"sample": (data_root / SAMPLE).read_text(encoding="utf-8")}
    lines = (data_root / NEWSTEST).read_text(encoding="utf-8").splitlines()
    for name, (a, b) in ARTICLES.items():
        story = [l.strip() for l in lines[a:b] if l.strip().endswith((".", "?", "!", '"', "»"))][:18]
        out[name] = "\n\n".join(" ".join(story[k : k + 3]) for k in range(0, len(story), 3))
    return out


def units_of(text: str) -> list[list[Unit]]:
    out, k = [], 0
    for para in segment(text, "fr"):
        out.append([])
        for seg in para:
            out[-1].append(Unit(seg.text, frozenset([k])))
            k += 1
    return out


def _copy(paragraphs: list[list[Unit]]) -> list[list[Unit]]:
    return [list(p) for p in paragraphs]


def _find(paragraphs, test) -> tuple[int, int] | None:
    """The first sentence of the previous version (not one an earlier edit added) that passes ``test``."""
    for p, para in enumerate(paragraphs):
        for s, unit in enumerate(para):
            if unit.origin and test(unit.text):
                return p, s
    return None


def _firm_number(text: str):
    for f in extract_facts(text, "fr"):
        if (f.type == "number" and not f.soft and re.fullmatch(r"\d[\d.]*", f.text)
                and not 1900 <= f.data["value"] <= 2100 and text[f.start - 1 : f.start] != "-"):  # not Covid-19
            return f
    return None


def _quote(text: str):
    return next((f for f in extract_facts(text, "fr") if f.type == "quote" and len(f.value.split()) >= 5), None)


# ------------------------------------------------------------------------------------------------ edits
def insert_top(paras, base):
    new = _copy(paras)
    added = [Unit(t) for t in INSERTS[base]]
    if new[0] and re.fullmatch(r"[A-ZÀ-Þ' -]+ ?:", new[0][0].text):  # keep the dateline first
        new = [[new[0][0], *added], new[0][1:]] + new[1:]
    else:
        new = [added] + new
    number, speaker, quote = INSERT_FACTS[base]
    return new, [Planted("number", "added", after=number), Planted("name", "added", after=speaker),
                 Planted("quote", "added", after=quote)]


def correct_numbers(paras, base):
    new, facts, done = _copy(paras), [], 0
    for p, para in enumerate(new):
        for s, unit in enumerate(para):
            f = _firm_number(unit.text) if done < 2 and unit.origin else None
            if f is not None:
                digits = f.text.replace(".", "")
                bumped = str(int(digits) + 5)
                if "." in f.text:  # keep the thousands separator: 12.000 → 12.005
                    bumped = f"{int(bumped) // 1000}.{int(bumped) % 1000:03d}"
                para[s] = Unit(unit.text[: f.start] + bumped + unit.text[f.end :], unit.origin)
                facts.append(Planted("number", "changed", f.text, bumped))
                done += 1
    day = _find(new, lambda t: any(re.search(rf"\b{d}\b", t) for d in WEEKDAYS))
    if day is not None:
        p, s = day
        unit = new[p][s]
        d = next(d for d in WEEKDAYS if re.search(rf"\b{d}\b", unit.text))
        after = WEEKDAYS[(WEEKDAYS.index(d) + 1) % 7]
        new[p][s] = Unit(re.sub(rf"\b{d}\b", after, unit.text, count=1), unit.origin)
        facts.append(Planted("date", "changed", d, after))
    return (new, facts) if facts else None


def replace_quote(paras, base):
    new = _copy(paras)
    at = _find(new, lambda t: _quote(t) is not None)
    if at is None:
        return None
    p, s = at
    unit = new[p][s]
    q = _quote(unit.text)
    assert q.text in unit.text
    new[p][s] = Unit(unit.text.replace(q.text, NEW_QUOTE, 1), unit.origin)
    return new, [Planted("quote", "changed", q.text, NEW_QUOTE)]


def split_sentence(paras, base):
    new = _copy(paras)
    rx = re.compile(r", (mais|et|car|alors que|puis|tandis que|dont|lesquels|lesquelles) ")
    at = _find(new, lambda t: (m := rx.search(t)) is not None and 0.25 < m.start() / len(t) < 0.75 and '"' not in t)
    if at is None:
        return None
    p, s = at
    unit = new[p][s]
    m = rx.search(unit.text)
    first = unit.text[: m.start()] + "."
    second = m.group(1).capitalize() + " " + unit.text[m.end() :]
    new[p][s : s + 1] = [Unit(first, unit.origin), Unit(second, unit.origin)]
    return new, []


def swap_clauses(paras, base):
    """A sentence rewritten by putting its second clause first ("A, B." → "B, A.")."""
    new = _copy(paras)
    at = _find(new, lambda t: t.count(", ") == 1 and 0.3 < t.index(", ") / len(t) < 0.7 and '"' not in t
               and t.endswith("."))
    if at is None:
        return None
    p, s = at
    unit = new[p][s]
    a, b = unit.text[:-1].split(", ")
    new[p][s] = Unit(b[0].upper() + b[1:] + ", " + a[0].lower() + a[1:] + ".", unit.origin)
    return new, []


def merge_sentences(paras, base):
    new = _copy(paras)
    for para in new[1:]:
        for s in range(len(para) - 1):
            a, b = para[s], para[s + 1]
            if a.text.endswith(".") and '"' not in a.text + b.text and len(a.text) + len(b.text) < 320:
                para[s : s + 2] = [Unit(a.text[:-1] + " ; " + b.text[0].lower() + b.text[1:], a.origin | b.origin)]
                return new, []
    return None


def reorder_paragraphs(paras, base):
    if len(paras) < 4:
        return None
    new = _copy(paras)
    new[1], new[2] = new[2], new[1]
    new.append(new.pop(3))
    return new, []


def typo_fix(paras, base):
    """The previous version has a typo (two letters swapped in a long word); the update fixes it."""
    old = _copy(paras)
    for para in old[1:]:
        for s, unit in enumerate(para):
            m = re.search(r"\b[a-zé]{7,}\b", unit.text)
            if m and not _quote(unit.text):
                w = m.group(0)
                typo = w[:3] + w[4] + w[3] + w[5:]
                para[s] = Unit(unit.text[: m.start()] + typo + unit.text[m.end() :], unit.origin)
                return old, []
    return None


def combined(paras, base):
    """A "2e MAJ": new top paragraph, figures corrected, a quotation replaced, paragraphs reordered."""
    new, facts = insert_top(paras, base)
    for step in (correct_numbers, replace_quote, reorder_paragraphs):
        made = step(new, base)
        if made is not None:
            new, more = made
            facts = facts + more
    return new, facts


EDITS = {
    "insert_top": insert_top,
    "numbers_corrected": correct_numbers,
    "quote_replaced": replace_quote,
    "sentence_split": split_sentence,
    "sentences_merged": merge_sentences,
    "clauses_swapped": swap_clauses,
    "paragraphs_reordered": reorder_paragraphs,
    "typo_fix": typo_fix,
    "combined": combined,
}


def build_cases(data_root: Path) -> list[Case]:
    cases = []
    for base, text in base_texts(data_root).items():
        paras = units_of(text)
        for edit, make in EDITS.items():
            made = make(paras, base)
            if made is None:
                continue
            edited, facts = made
            old, new = (edited, paras) if edit == "typo_fix" else (paras, edited)
            old_text, new_text = render(old), render(new)
            old_units = [u for p in old for u in p]
            new_units = [u for p in new for u in p]
            # The construction must survive segmentation, or the "true" alignment would not be true.
            assert sentences(old_text) == [u.text for u in old_units], f"{base}/{edit}: previous version re-segments"
            assert sentences(new_text) == [u.text for u in new_units], f"{base}/{edit}: current version re-segments"
            gold = {(i, j) for j, u in enumerate(new_units) for i in u.origin}
            cases.append(Case(base, edit, old_text, new_text, gold, facts, substantive=edit not in (
                "typo_fix", "paragraphs_reordered", "sentence_split", "sentences_merged", "clauses_swapped"),
                reordered=edit == "paragraphs_reordered"))
    return cases


def predicted_links(alignment) -> set[tuple[int, int]]:
    return {(i, j) for link in alignment.links for i in link.old for j in link.new}


def edited(links: set[tuple[int, int]], old: list[str], new: list[str]) -> set[tuple[int, int]]:
    """The links whose two sentences differ: what an alignment can get wrong (identical ones are easy)."""
    return {(i, j) for i, j in links if old[i] != new[j]}


def scores(cases, align_fn, only_edited: bool = False) -> dict[str, tuple[int, int, int]]:
    """Per edit: (true links found, links predicted, true links); ``only_edited``: links between different texts."""
    out: dict[str, list[int]] = {}
    for case in cases:
        old, new = sentences(case.old_text), sentences(case.new_text)
        got, gold = predicted_links(align_fn(old, new)), case.gold
        if only_edited:
            got, gold = edited(got, old, new), edited(gold, old, new)
        row = out.setdefault(case.edit, [0, 0, 0])
        row[0] += len(got & gold)
        row[1] += len(got)
        row[2] += len(gold)
    return {k: tuple(v) for k, v in out.items()}


def print_table(title: str, table: dict[str, tuple[int, int, int]]) -> None:
    totals = tuple(sum(v[k] for v in table.values()) for k in range(3))
    print(f"\n{title}\n{'edit':<22} {'precision':>9} {'recall':>7}")
    for edit, (hit, predicted, true) in [*table.items(), ("all", totals)]:
        p = hit / predicted if predicted else 1.0
        r = hit / true if true else 1.0
        print(f"{edit:<22} {p:>9.3f} {r:>7.3f}   ({hit}/{predicted} predicted, {hit}/{true} true)")


def fact_scores(cases, diff_fn) -> dict[str, int]:
    """Planted fact changes shown (a change of that type carries the fact), classified exactly, and fact changes
    reported that no edit made (extra)."""
    out = {"planted": 0, "shown": 0, "classified": 0, "reported": 0, "extra": 0}
    for case in cases:
        facts = diff_fn(case).facts
        out["planted"] += len(case.facts)
        out["shown"] += sum(any(p.shown_by(f) for f in facts) for p in case.facts)
        out["classified"] += sum(any(p.classified_by(f) for f in facts) for p in case.facts)
        out["reported"] += len(facts)
        out["extra"] += sum(not any(p.shown_by(f) for p in case.facts) for f in facts)
    return out


if __name__ == "__main__":  # python -m tests.service.diff.updates [DATA_ROOT]
    import sys

    from service.diff.compare import align_sentences
    from service.settings import get_settings

    root = Path(sys.argv[1]) if len(sys.argv) > 1 else get_settings().data_root
    all_cases = build_cases(root)
    print(f"{len(all_cases)} update pairs from {len({c.base for c in all_cases})} dispatches: "
          + ", ".join(c.name for c in all_cases))
    print_table("all links", scores(all_cases, align_sentences))
    print_table("links between different sentences (edited)", scores(all_cases, align_sentences, only_edited=True))

    from service.diff import compare
    from tests.service.diff.conftest import fake_result

    f = fact_scores(all_cases, lambda c: compare(fake_result(c.old_text), fake_result(c.new_text), presets=[],
                                                 summarize=None))
    print(f"\nfact changes: {f['shown']}/{f['planted']} planted shown, {f['classified']}/{f['planted']} classified "
          f"exactly (added/removed/changed and both sides); {f['extra']} of {f['reported']} reported were not planted")
