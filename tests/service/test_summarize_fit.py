"""Preset fitting on what real CNN/DailyMail summarizers write (tests/service/data/summarizer_outputs.json, each
output cited there): near-duplicate beams, a candidate cut at the token cap, distilbart's " ." artefacts, a quote
fused with the next sentence, pronoun-led sentences. The model is replaced by those published outputs."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from service.summarize.candidates import Generated, clean, is_complete, near_duplicate, rank, stands_alone
from service.summarize.decoding import SummaryDecoding
from service.summarize.fit import count_words
from service.summarize.presets import PRESETS
from service.summarize.seq2seq import DERIVED_HEADLINE, Seq2SeqSummarizer
from service.text.segment import split_sentences

DATA = json.loads((Path(__file__).parent / "data" / "summarizer_outputs.json").read_text(encoding="utf-8"))
CANDIDATES = [Generated(c["text"], cut=c["cut"]) for c in DATA["candidates"]]
SOURCE = [  # the article's opening, as the dispatch sentences the extractive fallback would use
    "When Liana Barrientos was 23 years old, she got married in Westchester County, New York.",
    "A year later, she got married again in Westchester County, but to a different man and without divorcing her "
    "first husband.",
    "In 2010, she married once more, this time in the Bronx.",
    "Prosecutors said the marriages were part of an immigration scam.",
    "If convicted, Barrientos faces up to four years in prison.",
]


def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, "en")]


class Published(Seq2SeqSummarizer):
    """The summarizer with its model replaced by published outputs; counts generations."""

    def __init__(self, candidates: list[Generated], window: int = 1022, headline=None):
        tokenizer = lambda text, **_: {"input_ids": text.split()}  # noqa: E731 — one token a word
        loaded = SimpleNamespace(spec=SimpleNamespace(max_input_tokens=window + 2, name="published"), tokenizer=tokenizer)
        super().__init__(loaded, split, decoding=SummaryDecoding(), headline=headline)
        self.candidates = candidates
        self.calls = 0

    def generate(self, text, decoding, deadline):
        self.calls += 1
        return list(self.candidates)


def _pairwise_distinct(sentences: list[str]) -> bool:
    return not any(near_duplicate(a, b) for i, a in enumerate(sentences) for b in sentences[i + 1 :])


def test_spacing_artefacts_are_cleaned_before_counting():
    distilbart = DATA["candidates"][2]["text"]
    assert " ." in distilbart
    cleaned = clean(distilbart)
    assert " ." not in cleaned and "2002. At one time" in cleaned
    assert count_words("between 1999 and 2002 .") == 4


def test_pool_is_distinct_complete_and_top_beam_first():
    pool = rank(CANDIDATES, split)
    top = split(CANDIDATES[0].text)
    assert pool.sentences[: len(top)] == top  # the top beam's sentences first, in its order
    assert _pairwise_distinct(pool.sentences)
    assert all(is_complete(s) for s in pool.sentences)
    # the beam cut at the cap loses its unfinished last sentence ("…up to four years in")
    assert not any(s.endswith("years in") for s in pool.sentences) and pool.dropped_cut == 1
    # distilbart's quotation fused with the next sentence is not accepted as a sentence
    assert not any("first degree\" In total" in s for s in pool.sentences)
    # paraphrases of points already made are dropped
    assert "Prosecutors say she married at least 10 times, sometimes within two weeks of each other." not in pool.sentences
    assert pool.dropped_duplicates >= 2


@pytest.mark.parametrize(
    "sentence, alone",
    [
        ("She pleaded not guilty at State Supreme Court in the Bronx on Friday.", False),
        ("He says critics have made dubious assumptions and doubtful assertions.", False),
        ("The publications say they watched the video, which was found by a source close to the investigation.", False),
        ("Two German magazines claim to have found a cell phone video showing the crash.", True),
        ("All 150 on board Germanwings Flight 9525 were killed.", True),
        ("U.S. and its negotiating partners reached a strong framework agreement with Iran.", True),
        # the tests' NATO sentences (written for this project): a bare "The mission…" leans on an earlier sentence
        ("The mission currently has 500 personnel in the country, secretary general Jens Stoltenberg said.", False),
        ("The killing of Iranian general Qassem Soleimani in a US strike near Baghdad fuelled anti-American anger.", True),
    ],
)
def test_stands_alone_on_published_sentences(sentence, alone):
    assert stands_alone(sentence) is alone


def test_four_presets_from_one_generation():
    summarizer = Published(CANDIDATES)
    presets = [PRESETS[n] for n in ("headline", "lede", "bullets", "paragraph")]
    ready = []
    out = summarizer.summarize_many(SOURCE, presets, on_ready=lambda s: ready.append(s.preset))
    assert summarizer.calls == 1
    assert list(out) == ["headline", "lede", "bullets", "paragraph"] and sorted(ready) == sorted(out)

    lede = out["lede"]
    assert lede.method == "seq2seq"
    assert lede.text == "Liana Barrientos, 39, has been married 10 times, sometimes within two weeks of each other."

    bullets = out["bullets"]
    assert bullets.method == "seq2seq" and len(bullets.items) == 3
    assert _pairwise_distinct(bullets.items) and all(is_complete(b) and count_words(b) <= 30 for b in bullets.items)

    paragraph = out["paragraph"]
    assert paragraph.method == "seq2seq" and paragraph.words <= 80
    assert _pairwise_distinct(paragraph.items) and " ." not in paragraph.text
    assert paragraph.words == len(paragraph.text.split())

    headline = out["headline"]
    assert headline.method == DERIVED_HEADLINE
    assert any("no headline model" in n for n in headline.notes)
    assert count_words(headline.text) <= 15 and lede.text.startswith(headline.text)
    assert any("cut at the token cap" in n for n in lede.notes)


def test_lede_skips_a_dangling_opening():
    """A candidate that opens with "The publications say they…" (Germanwings output, from its third sentence):
    the lede is the first sentence that stands alone."""
    text = DATA["germanwings"]["text"]
    from_third = " ".join(split(text)[2:])
    out = Published([Generated(from_third)]).summarize(SOURCE, PRESETS["lede"])
    assert out.text == "All 150 on board Germanwings Flight 9525 were killed." and out.method == "seq2seq"


def test_lede_falls_back_to_the_dispatch_opening_when_nothing_stands_alone():
    out = Published([Generated("She pleaded not guilty at State Supreme Court in the Bronx on Friday.")]).summarize(
        SOURCE, PRESETS["lede"]
    )
    assert out.method == "extractive-lead" and out.text == SOURCE[0]
    assert any("stands alone" in n for n in out.notes)


def test_a_headline_writer_is_named():
    xsum = Published([Generated("A woman who married 10 times has pleaded not guilty to immigration fraud.")])
    out = Published(CANDIDATES, headline=xsum).summarize(SOURCE, PRESETS["headline"])
    assert out.method == "seq2seq-headline" and out.text == "A woman who married 10 times has pleaded not guilty to immigration fraud"
    assert xsum.calls == 1


def test_map_reduce_never_drops_input_silently():
    """A model that writes back its whole input (no reduce round can shrink it): the rounds stop, and the summary
    says which part of the input it covers instead of losing the rest unannounced."""
    from models.tiny import corpus

    sentences = [s for s in dict.fromkeys(corpus("en")) if s.endswith(".")][:40]

    class Echo(Published):
        def generate(self, text, decoding, deadline):
            self.calls += 1
            return [Generated(text)]

    summary = Echo([], window=120).summarize(sentences, PRESETS["paragraph"])
    covered = [n for n in summary.notes if "covers its first" in n]
    assert covered and f"of {len(sentences)} sentences" in covered[0]


# ------------------------------------------------------------------------------------------------ pronoun-led sentences
def test_paragraph_never_gives_a_pronoun_led_sentence_the_wrong_antecedent():
    """The Germanwings output (bart-large-cnn, cited in the data file) from its third sentence: "The publications
    say they watched the video…", then "All 150 on board Germanwings Flight 9525 were killed." The lede is the
    second sentence (the first does not stand alone); moving it up used to leave "The publications say they…"
    right after "All 150 … were killed." — mid-paragraph, with nothing for "The publications" to refer to."""
    from_third = " ".join(split(DATA["germanwings"]["text"])[2:])
    out = Published([Generated(from_third)]).summarize(SOURCE, PRESETS["paragraph"])
    assert out.method == "seq2seq"
    assert out.items == ["All 150 on board Germanwings Flight 9525 were killed."]


def test_paragraph_keeps_a_pronoun_led_sentence_right_after_its_antecedent():
    """The Peter Bergen output in full: "He says critics…" follows "Peter Bergen: The debate…" as written, so it
    stays; the paragraph is the summary in its own order."""
    text = DATA["peter_bergen"]["text"]
    out = Published([Generated(text)]).summarize(SOURCE, PRESETS["paragraph"])
    sentences = split(text)
    assert "He says critics have made dubious assumptions and doubtful assertions." in out.items
    position = out.items.index("He says critics have made dubious assumptions and doubtful assertions.")
    assert out.items[position - 1] == sentences[sentences.index(out.items[position]) - 1]


def test_paragraph_drops_a_pronoun_led_sentence_whose_antecedent_did_not_fit():
    """The Peter Bergen output with a word limit that leaves out "Peter Bergen: The debate…" (too long for what is
    left after the lede) but would fit "He says critics…": that sentence must not follow "U.S. and its negotiating
    partners…", where "He" would have no one to refer to."""
    from service.summarize.fit import fit_paragraph

    lede, bergen, he_says, _ = split(DATA["peter_bergen"]["text"])
    limit = count_words(lede) + count_words(he_says)
    assert count_words(lede) + count_words(bergen) > limit  # the antecedent does not fit
    chosen = fit_paragraph(split(DATA["peter_bergen"]["text"]), lede, limit)
    assert chosen == [lede]


def test_a_headline_writer_never_gives_a_pronoun_led_headline():
    """A headline model whose one sentence is the Peter Bergen output's third ("He says critics…"): no headline
    from it; the next sentence that stands alone is used."""
    bergen = split(DATA["peter_bergen"]["text"])
    writer = Published([Generated(" ".join(bergen[2:]))])
    out = Published(CANDIDATES, headline=writer).summarize(SOURCE, PRESETS["headline"])
    assert out.method == "seq2seq-headline"
    assert not out.text.startswith("He ")
    assert out.text == "Bergen says the goal was to block Iran from building a nuclear weapon"
