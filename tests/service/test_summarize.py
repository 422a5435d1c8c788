import pytest

from models.load import load
from models.registry import resolve
from service.errors import InputError
from service.summarize.extractive import CentralitySummarizer, LeadSummarizer, centrality_order
from service.summarize.fit import count_words, fit_sentences, leading_clauses
from service.summarize.presets import PRESETS, get_preset
from service.summarize.seq2seq import Seq2SeqSummarizer

SENTENCES = [
    "NATO defence ministers agreed on Friday to expand the alliance's training mission in Iraq.",
    "The mission currently has 500 personnel in the country, secretary general Jens Stoltenberg said.",
    "He said the number would be decided at the next meeting of defence ministers in February.",
    "The killing of Iranian general Qassem Soleimani in a US strike near Baghdad fuelled anti-American anger.",
    "Washington asked NATO to take over some training activities from the international coalition.",
    "Ministers also discussed the Resolute Support mission in Afghanistan, which has 12,000 personnel.",
    "The US wish to withdraw after a deal with the Taliban poses serious problems for the alliance.",
]


def _within_limits(summary, preset):
    if preset.itemized:
        return all(count_words(item) <= preset.max_words for item in summary.items)
    return summary.words <= preset.max_words


def test_fit_never_cuts_a_sentence():
    chosen = fit_sentences(SENTENCES, 35)
    assert all(s in SENTENCES for s in chosen) and sum(count_words(s) for s in chosen) <= 35


def test_leading_clauses_end_at_clause_boundary():
    sentence = "The mission currently has 500 personnel in the country, secretary general Jens Stoltenberg said."
    assert leading_clauses(sentence, 10) == "The mission currently has 500 personnel in the country"
    assert leading_clauses("one two three four five six", 3) == ""


@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize("summarizer", [LeadSummarizer(), CentralitySummarizer()])
def test_extractive_presets_respect_hard_limits(name, summarizer):
    preset = PRESETS[name]
    summary = summarizer.summarize(SENTENCES, preset)
    assert summary.preset == name and summary.text
    assert _within_limits(summary, preset)
    for item in summary.items:
        assert item in SENTENCES or any(s.startswith(item) for s in SENTENCES)
    if name == "bullets":
        assert len(summary.items) == 3


def test_centrality_prefers_the_sentence_others_talk_about():
    sentences = [
        "Ministers met in Brussels to discuss the mission in Iraq.",
        "The weather was cold.",
        "The mission in Iraq will grow, ministers said in Brussels.",
        "Ministers said the Iraq mission needs more trainers.",
    ]
    assert centrality_order(sentences)[-1] == 1


def test_unknown_preset_is_a_clear_error():
    with pytest.raises(InputError, match="unknown summary preset 'tweet'"):
        get_preset("tweet")


@pytest.fixture(scope="module")
def seq2seq(tiny_models):
    from service.text.segment import split_sentences

    loaded = load(resolve(str(tiny_models["bart"]), "summarization"), device="cpu")
    return Seq2SeqSummarizer(loaded, lambda t: [s.text for s in split_sentences(t, "en")], num_beams=2)


def test_seq2seq_generates_once_for_every_preset(seq2seq, monkeypatch):
    """The fixture model (random weights, the checkpoint's decoding) writes once; every preset is fitted from
    that one generation, within its hard limits, and names the method that produced it."""
    calls = []
    real = seq2seq.generate
    monkeypatch.setattr(seq2seq, "generate", lambda *a: calls.append(a[1]) or real(*a))
    out = seq2seq.summarize_many(SENTENCES, list(PRESETS.values()))
    assert len(calls) == 1 and calls[0] == seq2seq.decoding
    for name, summary in out.items():
        assert _within_limits(summary, PRESETS[name])
    # random weights write no sentence that stands alone: the lede says where it came from instead
    assert out["lede"].method == "extractive-lead" and any("stands alone" in n for n in out["lede"].notes)
    assert out["headline"].method == "lede-clauses" and out["lede"].text.startswith(out["headline"].text)


def test_seq2seq_long_input_is_summarized_in_sections(seq2seq):
    long_input = SENTENCES * 8
    assert seq2seq.count_tokens(" ".join(long_input)) > seq2seq.window
    sections = seq2seq._sections(long_input)
    assert sum(len(s) for s in sections) == len(long_input)  # nothing dropped
    assert all(seq2seq.count_tokens(" ".join(s)) <= seq2seq.window for s in sections)
    summary = seq2seq.summarize(long_input, PRESETS["paragraph"])
    assert any("summarized in sections" in n for n in summary.notes)
    assert summary.words <= 80
    # one summary per section: the reduced input fits the window, nothing is left unread
    assert not any("covers its first" in n for n in summary.notes)


def test_headline_from_the_brief_model_when_asked(pipeline):
    """WIREBRIEF_HEADLINE_MODEL=llm: the headline goes through prompts/headline on the brief model, the other
    presets still come from the seq2seq model's one generation; without it, the headline is the lede's clauses."""
    import dataclasses

    english = SENTENCES
    presets = [PRESETS["headline"], PRESETS["lede"]]
    llm = dataclasses.replace(pipeline, settings=pipeline.settings.model_copy(update={"headline_model": "llm"}))
    out = llm.summarize_english(english, presets)
    assert out["headline"].method.startswith("llm") and out["headline"].prompt.name == "headline"
    assert not out["lede"].method.startswith("llm")
    plain = pipeline.summarize_english(english, presets)
    assert plain["headline"].method == "lede-clauses" and plain["headline"].prompt is None


def test_extractive_fallback_is_never_empty_when_no_clause_fits():
    """A real lede often has no comma within the headline's limit: the fallback then gives the top sentence's first
    words, marked as cut, never an empty headline."""
    from service.summarize.extractive import LeadSummarizer
    from service.summarize.presets import PRESETS

    sentence = ("The NATO defence ministers agreed on Thursday in Brussels to expand the alliance's training mission "
                "in Iraq to four thousand troops over the coming months.")
    summary = LeadSummarizer().summarize([sentence], PRESETS["headline"])
    words = summary.text.rstrip("…").split()
    assert summary.text.endswith("…") and 0 < len(words) <= PRESETS["headline"].max_words
    assert sentence.startswith(summary.text.rstrip("…")) and any("cut" in n for n in summary.notes)
