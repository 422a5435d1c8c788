"""English quotations in French copy: translated with the sentence around them (never as fragments), put back
verbatim in English quotes, never « »."""

import re

from service.translate.wrappers import ForeignQuoteTranslator

SENTENCE = "« We will not back down on pensions », a déclaré mardi le ministre."


class Model:
    """A stand-in for a model that copies numbers and quote marks, as OPUS-MT does; records what it was given."""

    def __init__(self, drop_numbers=False):
        self.seen = []
        self.drop_numbers = drop_numbers

    def translate(self, sentences, progress=None):
        self.seen.extend(sentences)
        out = []
        for s in sentences:
            s = s.replace(", a déclaré mardi le ministre.", ", the minister said on Tuesday.")
            s = s.replace("a déclaré mardi le ministre.", "the minister said on Tuesday.")
            out.append(re.sub(r"\d+", "", s) if self.drop_numbers else s)
        return out

    def models_used(self):
        return []


def test_the_sentence_is_translated_whole_around_a_placeholder():
    model = Model()
    out = ForeignQuoteTranslator(model).translate([SENTENCE, "Il pleut."])
    assert model.seen[0].startswith('"7301"') and model.seen[0].endswith(", a déclaré mardi le ministre.")
    assert not any(s.strip().startswith(",") for s in model.seen)  # no fragment like ", a déclaré …" alone
    assert out[0] == '"We will not back down on pensions", the minister said on Tuesday.'
    assert "«" not in out[0] and "»" not in out[0]
    assert out[1] == "Il pleut."


def test_a_lost_placeholder_falls_back_to_pieces_without_guillemets():
    model = Model(drop_numbers=True)
    out = ForeignQuoteTranslator(model).translate([SENTENCE])
    assert out[0].startswith('"We will not back down on pensions"') and "«" not in out[0]


def test_french_quotes_are_translated():
    model = Model()
    out = ForeignQuoteTranslator(model).translate(["« Nous ne reculerons pas », a déclaré mardi le ministre."])
    assert model.seen == ["« Nous ne reculerons pas », a déclaré mardi le ministre."]
    assert out[0].startswith("« Nous")  # the stand-in copies French; a real model translates it
