"""Post-rules that fix pysbd's boundaries. A boundary is the offset where the next sentence starts.

Rules for every language:
  0. a sentence ends with terminal punctuation, maybe followed by closing quotes or brackets
     (pysbd sometimes cuts before a parenthesis or a quoted nickname: 'et "Piculín" | (Ortiz), il');
  1. a closing quote never starts a sentence: the boundary moves past it (« C'est fini. » | Puis);
  2. a boundary needs whitespace before it (pysbd splits "J.-C." into "J." / "-C."), except after
     Chinese/Japanese full stops, which are never followed by a space;
  3. a sentence does not start with a lower-case letter or , ; : ) … (« Non ! » s'écrie-t-il).
French rules (pysbd's French module knows few abbreviations, never splits inside a quotation,
pairs straight quotes across sentences, and keeps "… Puis" together):
  4. a boundary wherever terminal punctuation (maybe followed by a closing quote) and a space come
     before a capitalised word or an opening quote: full sentences inside a long quotation,
     "« C'est fini. » Puis", "Il hésite… Puis"; then rules 5–6 and 0–3 filter all boundaries;
  5. no boundary after a title or abbreviation that needs a following word (M., MM., Dr., p. ex.…);
  6. no boundary after one or two initials before a capitalised word (J. F. Kennedy, Jean-C. Dupont,
     J.R. Ewing), except "av. J.-C." / "apr. J.-C.", which end a date, and "1° C." (Celsius).
"""

from __future__ import annotations

import re

from service.text.quotes import inside_quote, is_closing_quote

_UPPER = "A-ZÀ-ÖØ-Þ"
_CONTINUATION = ",;:.!?…)]}%»”"
_TERMINAL = ".!?…。！？।॥؟"
_FULLWIDTH = "。！？」』"  # Chinese and Japanese put no space after a sentence
_CLOSERS = "»”\"’')]}」』"

# Abbreviations that always precede another word, so never end a sentence. Words that are also
# ordinary French words ("sept.", "art.", "vol.", "sec.") or often end sentences ("etc.", "ibid.")
# are left out. Titles are matched with their case, short forms in any case ("Cf.", "cf.").
_TITLES = ("M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Dre", "Drs", "Pr", "Prof", "Me", "Mgr", "St", "Ste",
           "Sts", "Gal", "Gén", "Col", "Cdt", "Lt", "Cne", "Sgt", "Maj", "Mr", "Mrs", "Ft", "Gen", "Capt",
           "Sen", "Gov")  # fmt: skip
_SHORT_FORMS = ("av", "apr", "cf", "env", "p", "pp", "tél", "éd", "vs", "janv", "févr", "avr", "juil",
                "oct", "nov", "déc", "c.-à-d", "c-à-d", "i.e", "e.g", "p.ex", "p. ex", "par ex", "bd", "boul",
                "ann", "auj", "chap", "contr", "dir", "fasc", "fig", "hab", "suiv", "suppl", "sq", "sqq",
                "n.b", "n.d.l.r", "n.d.t", "resp", "réf", "coll")  # fmt: skip
_BEFORE_ABBREVIATION = r"(?:^|(?<=[\s(«\"“'’]))"
_TITLE_END = re.compile(_BEFORE_ABBREVIATION + "(?:" + "|".join(_TITLES) + r")\.$")
_SHORT_FORM_END = re.compile(
    _BEFORE_ABBREVIATION
    + "(?:"
    + "|".join(re.escape(a) for a in sorted(set(_SHORT_FORMS), key=len, reverse=True))
    + r")\.$",
    re.IGNORECASE,
)
# One or two initials: "F.", "-C." (Jean-C.), "J.-C.", "J.R."; three or more letters are an acronym.
_INITIAL_END = re.compile(rf"(?<![\w.])(?:[{_UPPER}]\.-?)?[{_UPPER}]\.$")
_NOT_INITIAL_END = re.compile(r"(?:\b(?:av|apr)\.\s+J\.?-?C|°\s?[CF])\.$")

# Terminal punctuation, optional closing quotes, whitespace, then a capitalised word (maybe quoted).
_CANDIDATE = re.compile(rf"([.!?…]+)((?:\s?[»”]|\")*)\s+(?=[«“\"]?\s?[{_UPPER}])")


def _first_letter(text: str, start: int) -> str:
    """The first letter or digit at or after start, skipping opening quotes and spaces; '' if none."""
    for ch in text[start : start + 8]:
        if ch.isalnum():
            return ch
        if not (ch.isspace() or ch in "«“\"'’(-–—"):
            return ch
    return ""


def _ends_sentence(left: str, language: str) -> bool:
    left = left.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(left) and (left[-1] in _TERMINAL or (language == "el" and left[-1] in ";\u037e"))


def fix_quote_and_case(text: str, bounds: list[int], language: str) -> list[int]:
    """Rules 0–3 (all languages); returns the surviving boundaries, sorted."""
    inside = inside_quote(text)
    fixed: list[int] = []
    for b in bounds:
        if b <= 0 or b >= len(text):
            continue
        shifted = False
        while b < len(text) and is_closing_quote(text, b, inside):
            shifted = True
            j = b + 1
            if j >= len(text) or not text[j].isspace():  # "», a-t-il dit" or end of text: no boundary
                b = -1
                break
            while j < len(text) and text[j].isspace():
                j += 1
            b = j
        if b < 0 or b >= len(text) or (not shifted and not text[b - 1].isspace() and text[b - 1] not in _FULLWIDTH):
            continue
        if not _ends_sentence(text[max(0, b - 40) : b], language):
            continue
        first = _first_letter(text, b)
        if not first or first.islower() or first in _CONTINUATION:
            continue
        fixed.append(b)
    return sorted(set(fixed))


def french_vetoes(text: str, bounds: list[int]) -> list[int]:
    """Rules 5–6: drop boundaries after abbreviations and initials."""
    kept = []
    for b in bounds:
        left = text[max(0, b - 60) : b].rstrip()[-40:]
        if _TITLE_END.search(left) or _SHORT_FORM_END.search(left):
            continue
        if _INITIAL_END.search(left) and _first_letter(text, b).isupper() and not _NOT_INITIAL_END.search(left):
            continue
        kept.append(b)
    return kept


def french_extra_boundaries(text: str) -> list[int]:
    """Rule 4: every terminal-punctuation boundary pysbd may have left out."""
    return [m.end() for m in _CANDIDATE.finditer(text)]
