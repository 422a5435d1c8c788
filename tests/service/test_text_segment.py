"""service.text.segment: paragraphs, French-aware sentences, datelines, lossless reassembly."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.settings import get_settings
from service.text.pysbd_split import pysbd_language
from service.text.segment import (
    Segment,
    join_segments,
    segment,
    sentence_spans,
    split_paragraphs,
    split_sentences,
)

CLOSING_QUOTES = ('»', '"', "”")


def _data_file(*parts: str) -> Path:
    path = get_settings().data_root.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"evaluation data not found at {path} (set WIREBRIEF_DATA_ROOT)")
    return path


def _texts(paragraph: str, language: str = "fr") -> list[str]:
    segments = split_sentences(paragraph, language)
    assert " ".join(join_segments(segments).split()) == " ".join(paragraph.split())
    return [s.text for s in segments]


def _assert_lossless(paragraph: str, language: str = "fr") -> None:
    segments = split_sentences(paragraph, language)
    assert " ".join(join_segments(segments).split()) == " ".join(paragraph.split())
    for s in segments:
        assert s.text and s.text == s.text.strip()
    spans = sentence_spans(paragraph, language)
    assert [paragraph[a:b] for a, b, _ in spans] == [s.text for s in segments]
    assert all(b <= c for (_, b, _), (c, _, _) in zip(spans, spans[1:]))


# --- paragraphs -----------------------------------------------------------------------------------


def test_paragraphs_one_per_line_and_blank_lines():
    text = "BRUXELLES : Premier.\nDeuxième paragraphe.\n\n\nTroisième.  \r\n   \r\nQuatrième.\rCinquième."
    assert split_paragraphs(text) == [
        "BRUXELLES : Premier.",
        "Deuxième paragraphe.",
        "Troisième.",
        "Quatrième.",
        "Cinquième.",
    ]
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n \n") == []


def test_segment_returns_paragraphs_of_segments():
    result = segment("PARIS (AFP) - Le gouvernement a annoncé. Rien.\n\nLes ministres ont discuté.", "fr")
    assert result == [
        [Segment("PARIS (AFP) -", "dateline"), Segment("Le gouvernement a annoncé."), Segment("Rien.")],
        [Segment("Les ministres ont discuté.")],
    ]
    assert segment("", "fr") == []


# --- French abbreviations, initials, numbers --------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "M. Dupont est arrivé.",
        "Mme Durand et MM. Martin et Petit sont partis.",
        "Mlle Roux a rencontré le Dr. Martin et le Pr. Blanc.",
        "Me Dupont plaide, Mgr. Lustiger écoute.",
        "Il habite St-Étienne, rue Ste. Catherine.",
        "Voir p. ex. le chapitre 3, cf. la note 4.",
        "Cf. Le Monde du 12 mars.",
        "Il habite au n° 12 de la rue.",
        "En 52 av. J.-C., César conquiert la Gaule.",
        "J. F. Kennedy est mort en 1963.",
        "Jean-C. Dupont le savait.",
        "Le procureur Maj. Ashden Fein a affirmé que la Dre Martel était présente.",
    ],
)
def test_abbreviations_and_initials_do_not_end_sentences(paragraph):
    assert _texts(paragraph) == [paragraph]


def test_abbreviations_in_a_paragraph():
    paragraph = (
        "M. Dupont est arrivé. Mme Durand aussi. MM. Martin et Petit sont partis. "
        "Le Dr. Martin a vu J. F. Kennedy. Jean-C. Dupont le savait."
    )
    assert _texts(paragraph) == [
        "M. Dupont est arrivé.",
        "Mme Durand aussi.",
        "MM. Martin et Petit sont partis.",
        "Le Dr. Martin a vu J. F. Kennedy.",
        "Jean-C. Dupont le savait.",
    ]


def test_a_date_before_christ_can_end_a_sentence():
    assert _texts("Le temple fut détruit en 70 av. J.-C. Les pèlerins y viennent encore.") == [
        "Le temple fut détruit en 70 av. J.-C.",
        "Les pèlerins y viennent encore.",
    ]


def test_numbers():
    paragraph = (
        "Elle compte 12.000 personnels. Le taux est de 3,5 %. Le 1er janvier, le 2e tour. "
        "Rendez-vous à 15h30. La hausse atteint 3.5%. Il fait entre -3 ° et + 1° C. Région de Pilsen."
    )
    assert _texts(paragraph) == [
        "Elle compte 12.000 personnels.",
        "Le taux est de 3,5 %.",
        "Le 1er janvier, le 2e tour.",
        "Rendez-vous à 15h30.",
        "La hausse atteint 3.5%.",
        "Il fait entre -3 ° et + 1° C.",
        "Région de Pilsen.",
    ]


# --- quotations ------------------------------------------------------------------------------------


def test_quote_with_full_sentences_splits_inside_and_keeps_closing_guillemet():
    paragraph = (
        "« Je ne peux dire maintenant quel sera leur nombre. La planification va être lancée », "
        "a-t-il expliqué. Puis il est parti."
    )
    assert _texts(paragraph) == [
        "« Je ne peux dire maintenant quel sera leur nombre.",
        "La planification va être lancée », a-t-il expliqué.",
        "Puis il est parti.",
    ]


def test_real_multi_sentence_quote_from_the_dispatch():
    lines = _data_file("samples", "otan-irak.fr.txt").read_text(encoding="utf-8").splitlines()
    paragraph = next(ln for ln in lines if ln.startswith('"Je ne peux dire maintenant'))
    texts = _texts(paragraph)
    assert texts == [
        '"Je ne peux dire maintenant quel sera leur nombre.',
        "La planification va être lancée et ce sera discuté lors de la prochaine réunion des ministres "
        'de la défense en février 2021", a-t-il expliqué.',
    ]


def test_real_consecutive_quotes_from_the_dispatch():
    lines = _data_file("samples", "otan-irak.fr.txt").read_text(encoding="utf-8").splitlines()
    paragraph = next(ln for ln in lines if ln.startswith('"Nous devons en discuter'))
    assert _texts(paragraph) == [
        '"Nous devons en discuter ensemble et nous prendrons les décisions ensemble", a-t-il soutenu.',
        '"Les prochains mis seront décisifs", a-t-il averti.',
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Il a dit : « C'est fini. » Puis il est parti.", ["Il a dit : « C'est fini. »", "Puis il est parti."]),
        ('Il a dit : "C\'est fini." Puis il est parti.', ['Il a dit : "C\'est fini."', "Puis il est parti."]),
        ("Il a dit : “C'est fini.” Puis il est parti.", ["Il a dit : “C'est fini.”", "Puis il est parti."]),
        ("« Non ! » s'écrie-t-il. « Vraiment ? » a-t-il demandé.",
         ["« Non ! » s'écrie-t-il.", "« Vraiment ? » a-t-il demandé."]),
        ('Il a cité « Le Monde ». Puis il a lu « L\'Express. » Ensuite il est parti.',
         ["Il a cité « Le Monde ».", "Puis il a lu « L'Express. »", "Ensuite il est parti."]),
        # French spacing with straight quotes, as in newstest2013 (Le Devoir).
        ('Le courage de la mort ordinaire. " Mon plus grand souhait, c\'est qu\'on me guérisse ", confie-t-il.',
         ["Le courage de la mort ordinaire.", '" Mon plus grand souhait, c\'est qu\'on me guérisse ", confie-t-il.']),
        ("Il a demandé « pourquoi ? » avant de partir.", ["Il a demandé « pourquoi ? » avant de partir."]),
    ],
)  # fmt: skip
def test_quotes(paragraph, expected):
    assert _texts(paragraph) == expected


def test_closing_quote_never_starts_a_segment_in_the_dispatch():
    text = _data_file("samples", "otan-irak.fr.txt").read_text(encoding="utf-8")
    for paragraph in segment(text, "fr"):
        for s in paragraph:
            assert not s.text.startswith(("»", "”")), s.text
            if s.text.startswith('"'):  # an opening quote: the quoted text follows without a space
                assert not s.text[1].isspace(), s.text


# --- ellipses, ?!, whitespace -------------------------------------------------------------------------


def test_ellipses_and_double_punctuation():
    paragraph = "Il hésite... puis repart. Il hésite… Puis il repart. Quoi ?! Oui. Et alors ?"
    assert _texts(paragraph) == [
        "Il hésite... puis repart.",
        "Il hésite…",
        "Puis il repart.",
        "Quoi ?!",
        "Oui.",
        "Et alors ?",
    ]


def test_irregular_whitespace_is_kept_inside_and_trimmed_outside():
    paragraph = "  Les ministres ont discuté.   Elle compte\t12.000 personnels,  mais.  Fin.  "
    segments = split_sentences(paragraph)
    assert [s.text for s in segments] == [
        "Les ministres ont discuté.",
        "Elle compte\t12.000 personnels,  mais.",
        "Fin.",
    ]
    _assert_lossless(paragraph)


def test_no_boundary_without_a_space():
    assert _texts("C'est vrai ?!Non. Le site www.otan.int. Fin.") == [
        "C'est vrai ?!Non.",
        "Le site www.otan.int.",
        "Fin.",
    ]


def test_a_sentence_does_not_start_lower_case():
    assert _texts("Il cite notamment des pommes, des poires, etc. et bien d'autres choses.") == [
        "Il cite notamment des pommes, des poires, etc. et bien d'autres choses."
    ]


# --- datelines -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("BRUXELLES : Les Alliés ont accepté vendredi. Ils ont dit.", "BRUXELLES :"),
        ("PARIS, 12 mars (AFP) - Le gouvernement a annoncé. Rien.", "PARIS, 12 mars (AFP) -"),
        ("WASHINGTON (AFP) - Le président a parlé.", "WASHINGTON (AFP) -"),
        ("LE CAIRE, mardi 1er décembre 2020 (AFP/Belga) — Rien.", "LE CAIRE, mardi 1er décembre 2020 (AFP/Belga) —"),
        ("SAINT-ÉTIENNE (Reuters) – M. Dupont est arrivé.", "SAINT-ÉTIENNE (Reuters) –"),
        ("NEW YORK, 3 janv. (AFP) - Wall Street a ouvert en hausse.", "NEW YORK, 3 janv. (AFP) -"),
    ],
)
def test_dateline_is_its_own_segment(paragraph, dateline):
    segments = split_sentences(paragraph)
    assert segments[0] == Segment(dateline, "dateline")
    assert all(s.kind == "sentence" for s in segments[1:])
    assert join_segments(segments) == paragraph


@pytest.mark.parametrize(
    "paragraph",
    [
        "Une chose est certaine: ces dispositions influenceront le taux de participation.",
        "Bruxelles : la réunion a commencé.",
        "SAINT-ÉTIENNE a battu Lyon.",
        "PARIS",
    ],
)
def test_no_dateline(paragraph):
    assert all(s.kind == "sentence" for s in split_sentences(paragraph))


def test_real_dispatch_dateline():
    text = _data_file("samples", "otan-irak.fr.txt").read_text(encoding="utf-8")
    paragraphs = segment(text, "fr")
    assert len(paragraphs) == len([ln for ln in text.splitlines() if ln.strip()]) == 13
    first = paragraphs[0]
    assert first[0] == Segment("BRUXELLES :", "dateline")
    assert first[1].text.startswith("Les Alliés des Etats-Unis ont accepté vendredi")
    assert [s.kind for p in paragraphs[1:] for s in p] == ["sentence"] * sum(len(p) for p in paragraphs[1:])
    nine = next(p for p in paragraphs if p[0].text.startswith("Les ministres ont également"))
    assert len(nine) == 2
    assert nine[1].text.startswith("Elle compte 12.000 personnels, mais")


# --- other languages -------------------------------------------------------------------------------


def test_english_and_german():
    assert _texts("Mr. Smith went to Washington. He arrived on Monday.", "en") == [
        "Mr. Smith went to Washington.",
        "He arrived on Monday.",
    ]
    assert _texts("Die Minister trafen sich am Freitag. Sie berieten z. B. über den Irak.", "de") == [
        "Die Minister trafen sich am Freitag.",
        "Sie berieten z. B. über den Irak.",
    ]
    assert _texts('He said: "It is over." Then he left.', "en") == ['He said: "It is over."', "Then he left."]


def test_pysbd_language_choice():
    assert pysbd_language("fr") == "fr"
    assert pysbd_language("de") == "de"
    assert pysbd_language("uk") == "ru"
    assert pysbd_language("pt") == "es"
    assert pysbd_language("ko") == "en"
    assert pysbd_language("xx") == "en"
    assert _texts("Le ministre a parlé. Fin.", "fr-FR") == ["Le ministre a parlé.", "Fin."]


def test_cjk_sentences_need_no_space():
    paragraph = "北约部长周五开会。他们讨论了伊拉克。"
    segments = split_sentences(paragraph, "zh")
    assert [s.text for s in segments] == ["北约部长周五开会。", "他们讨论了伊拉克。"]
    assert "".join(s.text for s in segments) == paragraph


# --- reassembly ------------------------------------------------------------------------------------


def test_join_segments_accepts_segments_and_strings():
    assert join_segments([Segment("BRUXELLES :", "dateline"), Segment("Les Alliés.")]) == "BRUXELLES : Les Alliés."
    assert join_segments(["Un.", "Deux."]) == "Un. Deux."
    assert join_segments([]) == ""


def test_newstest_never_loses_or_duplicates_characters():
    """Property: over the first 500 real lines, alone and joined in fives, segmentation is lossless."""
    lines = _data_file("newstest2013-fr-en", "newstest2013.fr").read_text(encoding="utf-8").splitlines()[:500]
    for line in lines:
        _assert_lossless(line)
    for i in range(0, len(lines), 5):
        _assert_lossless(" ".join(lines[i : i + 5]))


@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_punctuation_soup_is_lossless(language):
    soup = [
        "« » \" “ ” ... … ?! M. J.-C. av. ( ) : ; -",
        '"Fin." « Début. » Ah... Oh ! ? ! « " » "',
        "A. B. C. D. E. 1. 2. 3. ... … . . .",
        "PARIS (AFP) - « Non. » (Oui.) [Peut-être.] \" \" Fin",
    ]
    for paragraph in soup:
        _assert_lossless(paragraph, language)


def test_pysbd_output_that_alters_the_text_cannot_lose_or_repeat_it(monkeypatch):
    """pysbd's strings only locate boundaries: a mangled, repeated or invented sentence is harmless."""
    import service.text.pysbd_split as ps

    class FakeSegmenter:
        def __init__(self, **_):
            pass

        def processor(self, text):
            class P:
                @staticmethod
                def process():
                    return ["Le ministre  a parlé.", "Le ministre a parlé.", "Il est part i.", "Sans lien.", "Fin."]

            return P

    monkeypatch.setattr(ps.pysbd, "Segmenter", FakeSegmenter)
    paragraph = "Le ministre a parlé. Il est parti. Fin."
    assert ps.pysbd_boundaries(paragraph, "fr") == [paragraph.index("Il"), paragraph.index("Fin")]
    assert _texts(paragraph, "en") == ["Le ministre a parlé.", "Il est parti.", "Fin."]  # no French extra rules
