"""Quotations (« … », “…”, "…") and their speakers ('…", a déclaré X' / 'selon X' / '…," said X' / 'X said: "…"').

The speaker is the first name found in the attribution next to the quote; a pronoun attribution ("a-t-il
ajouté", "he said") leaves it unknown (None) rather than guessing.
"""

from __future__ import annotations

import re

from .model import Fact

# Shorter quoted spans are mostly titles and scare quotes («mythe»), which translators often render without marks.
MIN_QUOTE_WORDS = 6

_PAIRS = [("«", "»"), ("“", "”"), ("„", "“"), ("‹", "›")]

FR_VERBS = (
    "déclaré|dit|affirmé|annoncé|expliqué|précisé|ajouté|souligné|indiqué|estimé|assuré|averti|martelé|insisté|"
    "reconnu|confié|lancé|poursuivi|conclu|répondu|rappelé|jugé|commenté|soutenu|déploré|regretté|dénoncé|prévenu|"
    "observé|noté|relevé|confirmé|écrit|tweeté|plaidé|résumé|raconté|admis|nuancé|promis|fait valoir|fait savoir|"
    "assené|répété|détaillé|constaté|avancé|argué|ironisé|tonné|lâché|glissé|interrogé|demandé|analysé|témoigné|"
    "signalé|proclamé|révélé|mentionné|martèle|déclare|dit|affirme|explique|précise|ajoute|souligne|indique|estime|"
    "assure|avertit|insiste|reconnaît|lance|poursuit|conclut|répond|rappelle|juge|commente|soutient|déplore|regrette|"
    "dénonce|prévient|observe|note|relève|confirme|écrit|résume|raconte|admet|promet|annonce"
)
EN_VERBS = (
    "said|says|added|adds|told|tells|stated|states|declared|announced|explained|stressed|noted|warned|insisted|"
    "admitted|acknowledged|confirmed|wrote|writes|tweeted|argued|claimed|asked|replied|responded|continued|"
    "concluded|recalled|commented|pointed out|observed|remarked|emphasised|emphasized|underlined|maintained|"
    "promised|assured|indicated|revealed|suggested|conceded|complained|urged|cautioned|estimated|predicted|"
    "reported|announces|explains|warns|insists|writes|adds|notes"
)
_FR_PRONOUN = re.compile(r"^\W*(?:a|ont|avait|avaient|aurait)-t?-?(?:il|elle|ils|elles|on)\b|^\W*\w+-t?-?(?:il|elle|ils|elles)\b", re.IGNORECASE)
_EN_PRONOUN = re.compile(r"^\W*(?:(?:he|she|they|it|we|I)\s+(?:" + EN_VERBS + r")|(?:" + EN_VERBS + r")\s+(?:he|she|they|it))\b", re.IGNORECASE)


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(outer start, outer end, inner start, inner end) of each quotation."""
    spans: list[tuple[int, int, int, int]] = []
    for o, c in _PAIRS:
        pos = 0
        while True:
            s = text.find(o, pos)
            if s < 0:
                break
            e = text.find(c, s + 1)
            if e < 0:
                break
            spans.append((s, e + 1, s + 1, e))
            pos = e + 1
    # straight double quotes: pair them in order, within a paragraph
    idx = [m.start() for m in re.finditer('"', text)]
    for a, b in zip(idx[0::2], idx[1::2]):
        if "\n\n" in text[a:b]:
            continue
        spans.append((a, b + 1, a + 1, b))
    spans.sort()
    out: list[tuple[int, int, int, int]] = []
    for sp in spans:  # drop quotes nested in another quote
        if out and sp[0] < out[-1][1]:
            continue
        out.append(sp)
    return out


def find_quotes(text: str, lang: str, names: list[Fact]) -> list[Fact]:
    lang = "fr" if lang.startswith("fr") else "en"
    facts = []
    for s, e, i_s, i_e in quote_spans(text):
        inner = text[i_s:i_e].strip(" \u00a0\u202f")
        if not inner:
            continue
        speaker, pronoun = _speaker(text, s, e, lang, names)
        n_words = len(re.findall(r"\w+", inner))
        facts.append(
            Fact(
                type="quote", text=inner, start=s, end=e, value=inner, keys=[], provides=[],
                soft=n_words < MIN_QUOTE_WORDS,
                data={"speaker": speaker, "speaker_pronoun": pronoun, "words": n_words},
            )
        )
    return facts


def _speaker(text: str, s: int, e: int, lang: str, names: list[Fact]) -> tuple[str | None, bool]:
    verbs = FR_VERBS if lang == "fr" else EN_VERBS
    after = text[e : e + 160]
    sent_end = re.search(r"[.!?](?:\s|$)|[«“\"]", after)
    window = after[: sent_end.start() if sent_end else len(after)]
    pron = _FR_PRONOUN if lang == "fr" else _EN_PRONOUN
    if pron.match(window):
        return None, True
    # '…", a déclaré X' / '…," said X' / '…," X said' / 'selon X'
    if lang == "fr":
        attr = re.match(rf"^\W*(?:(?:a|ont|avait|aurait|avaient)\s+(?:{verbs})|(?:{verbs})|selon|d'après|d’après)\b", window, re.IGNORECASE)
    else:
        attr = re.match(rf"^\W*(?:(?:{verbs})|according to)\b|^\W*(?:[A-Z][\w.'-]*\s+){{1,6}}(?:{verbs})\b", window)
    if attr:
        cands = [n for n in names if e <= n.start < e + len(window)]
        # the person rather than the organisation: "le secrétaire général de l'Otan Jens Stoltenberg"
        people = [n for n in cands if not n.data.get("known") and not n.data.get("demonym")]
        if people or cands:
            return (people or cands)[0].text, False
    # 'X a déclaré : « … »' / 'X said: "…"'
    before = text[max(0, s - 160) : s]
    b_end = re.search(rf"(?:{verbs})\s*(?:que\s*|that\s*)?[:,]?\s*$", before, re.IGNORECASE)
    if b_end:
        cands = [n for n in names if s - 160 <= n.start and n.end <= s - (len(before) - b_end.start())]
        people = [n for n in cands if not n.data.get("known") and not n.data.get("demonym")]
        if people or cands:
            return (people or cands)[-1].text, False
    sel = re.search(r"(?:selon|d['’]après|according to)\s*$", before, re.IGNORECASE)
    if sel:
        return None, False
    return None, False
