"""Summary presets written by the brief model (method 'llm')."""

from service.brief.service import BriefService
from service.summarize.fit import count_words
from service.summarize.llm import LLMSummarizer
from service.summarize.presets import PRESETS

from .brief_fixtures import ScriptedGenerator
from .test_summarize import SENTENCES


def test_llm_preset_uses_its_template_and_limits(tiny_chat):
    answer = (
        "BULLET: NATO will expand its training mission in Iraq.\n"
        "BULLET: The mission has 500 personnel.\n"
        "BULLET: Ministers will decide numbers in February.\n"
        "BULLET: A fourth point beyond the preset's three."
    )
    gen = ScriptedGenerator(tiny_chat, [answer])
    summary = LLMSummarizer(BriefService(gen)).summarize(SENTENCES, PRESETS["bullets"])
    assert summary.method == "llm" and summary.prompt.name == "bullets" and summary.prompt.version == 1
    assert len(summary.items) == 3 and summary.items[0] == "NATO will expand its training mission in Iraq."
    assert all(count_words(i) <= 30 for i in summary.items)
    assert "BULLET:" in gen.calls[0][1]["content"]


def test_unusable_answer_falls_back_to_extraction_with_notes(tiny_chat):
    gen = ScriptedGenerator(tiny_chat, ["no format", "still no format"])
    summary = LLMSummarizer(BriefService(gen)).summarize(SENTENCES, PRESETS["headline"])
    assert summary.method == "llm→extractive-centrality" and summary.prompt.name == "headline"
    assert any("unusable" in n for n in summary.notes) and summary.words <= 15
    over = ScriptedGenerator(tiny_chat, ["LEDE: " + " ".join(["word"] * 40)])
    lede = LLMSummarizer(BriefService(over)).summarize(SENTENCES, PRESETS["lede"])
    assert lede.method.startswith("llm→") and lede.words <= 35
