"""Hand-built Results for tests that need the Result shape but no model."""

from __future__ import annotations

from service.result import Issue, LanguageInfo, ModelUsed, Paragraph, Result, Sentence, Summary


def make_result(
    result_id: str = "r1",
    sources: list[list[str]] | None = None,
    translations: list[list[str]] | None = None,
    headline: str = "Headline here",
    warnings: list[Issue] | None = None,
) -> Result:
    sources = sources or [["Le chat dort.", "Il fait beau."], ["La grève continue."]]
    translations = translations or [[f"EN {s}" for s in para] for para in sources]
    paragraphs = [
        Paragraph(
            index=p,
            sentences=[Sentence(index=i, source=s, translation=t) for i, (s, t) in enumerate(zip(src, dst))],
        )
        for p, (src, dst) in enumerate(zip(sources, translations))
    ]
    return Result(
        id=result_id,
        language=LanguageInfo(code="fr", name="French", confidence=0.93),
        translated=True,
        paragraphs=paragraphs,
        summaries={"headline": Summary(preset="headline", text=headline, method="seq2seq", words=2)},
        warnings=warnings if warnings is not None else [],
        models=[ModelUsed(role="translation", name="m", hub_id="org/m", revision="abc123")],
        options={"summaries": ["headline"]},
    )
