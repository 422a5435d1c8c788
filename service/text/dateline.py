"""Wire-copy datelines: "BRUXELLES :", "PARIS, 12 mars (AFP) -", "WASHINGTON (AFP) -".

A dateline is not part of the first sentence; translated alone it stays a place name (and an agency),
and the sentence after it is translated without it.
"""

from __future__ import annotations

import re

_UPPER = "A-ZÀ-ÖØ-Þ"
# An all-capitals place of two letters or more: "PARIS", "LE CAIRE", "SAINT-ÉTIENNE", "N'DJAMENA".
_PLACE = rf"[{_UPPER}][{_UPPER}'’.\- ]*[{_UPPER}]"
# ", 12 mars", ", mardi 1er décembre 2020", ", 12 janv." — a day number, a month word, maybe a year.
_DATE = r",\s+(?:[a-zé]+\s+)?\d{1,2}(?:er)?\s+[A-Za-zéû]+\.?(?:\s+\d{4})?"
_AGENCY = r"\s*\([A-Za-z][\w&./ -]{0,30}\)"
_SEPARATOR = r"\s*[:\-–—]"

_DATELINE = re.compile(rf"^{_PLACE}(?:{_DATE})?(?:{_AGENCY})?{_SEPARATOR}(?=\s+\S)")


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """(dateline, rest) when the paragraph opens with a dateline, else None. rest keeps its leading space."""
    m = _DATELINE.match(paragraph)
    if m is None:
        return None
    return paragraph[: m.end()], paragraph[m.end() :]
