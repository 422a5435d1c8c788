"""Update pairs from the shared data, and Results built without a model (translation = tagged source) so that
alignment and fact changes are tested on real text in milliseconds."""

from __future__ import annotations

import pytest

from service.result import LanguageInfo, Paragraph, Result, Sentence
from service.text.segment import segment
from tests.conftest import require_data

from .updates import NEWSTEST, SAMPLE, build_cases


def fake_result(text: str, rid: str = "previous") -> Result:
    """A Result whose 'translation' is the source tagged EN: (the alignment and fact checks read the French)."""
    paragraphs = [
        Paragraph(index=p, sentences=[Sentence(index=i, source=s.text, translation=f"EN: {s.text}") for i, s in enumerate(segs)])
        for p, segs in enumerate(segment(text, "fr"))
    ]
    return Result(id=rid, language=LanguageInfo(code="fr", name="French", confidence=1.0), translated=True,
                  paragraphs=paragraphs)


@pytest.fixture(scope="session")
def update_cases(data_root):
    require_data(data_root, SAMPLE)
    require_data(data_root, NEWSTEST)
    return build_cases(data_root)
