"""Glossary: loading and merging, placeholder protection and restoration, the round trip through a translator that
keeps the placeholders (every term restored, nothing reported) and one that drops them (every term reported), and
the placeholders surviving the fixture's OPUS-MT-style tokenizer piece for piece."""

from pathlib import Path

import pytest

from service.facts import Glossary, GlossaryTranslator, check_translation, protect, restore
from service.facts.glossary import placeholder_token

SENT = "Le secrétaire général de l'Otan Jens Stoltenberg a été reçu à Matignon puis au Quai d'Orsay."


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


def test_default_glossary_has_the_newsroom_terms(glossary):
    found = {e.target for e, _ in glossary.find("l'Otan, l'Elysée, Matignon et le Quai d'Orsay")}
    assert found == {"NATO", "the Élysée", "the prime minister's office", "the French foreign ministry"}


def test_user_file_extends_and_overrides(tmp_path, glossary):
    user = tmp_path / "g.yaml"
    user.write_text("terms:\n  - fr: Matignon\n    en: the PM's office\nkeep:\n  - Sciences Po\n", encoding="utf-8")
    g = Glossary.load(user)
    found = {e.target for e, _ in g.find("Matignon et Sciences Po")}
    assert found == {"the PM's office", "Sciences Po"}
    assert len(g) == len(glossary) + 1


def test_protect_uses_target_for_names_placeholders_for_phrases(glossary):
    protected, slots = protect(SENT, glossary)
    assert "NATO" in protected and "Jens Stoltenberg" in protected
    assert placeholder_token(0) in protected and placeholder_token(1) in protected
    assert "Matignon" not in protected and "Orsay" not in protected
    assert [s.mode for s in slots] == ["inline", "keep", "placeholder", "placeholder"]


def test_restore_reinserts_and_fixes_articles_and_case(glossary):
    _, slots = protect(SENT, glossary)
    a, b = placeholder_token(0), placeholder_token(1)
    out, issues = restore(f"NATO Secretary General Jens Stoltenberg was received at {a} and then at the {b}.", slots)
    assert out == ("NATO Secretary General Jens Stoltenberg was received at the prime minister's office and then at "
                   "the French foreign ministry.")
    assert issues == []
    _, slots = protect("Le Quai d'Orsay a démenti.", glossary)
    out, _ = restore(f"{placeholder_token(0)} denied it.", slots)
    assert out == "The French foreign ministry denied it."


def test_placeholders_are_numbers_absent_from_the_sentence(glossary):
    protected, slots = protect("Matignon a reçu 7301 manifestants et 7 302 policiers.", glossary)
    placeholder = slots[0].placeholder
    assert placeholder.isdigit() and placeholder not in {"7301", "7302"}
    assert protected.startswith(placeholder)


@pytest.mark.parametrize("written", ["{p}", "{a},{b}", "{a} {b}", "{a}.{b}"])
def test_restore_tolerates_thousands_separators(glossary, written):
    _, slots = protect("Matignon a démenti.", glossary)
    p = slots[0].placeholder
    out, issues = restore(written.format(p=p, a=p[0], b=p[1:]) + " denied it.", slots)
    assert out == "The prime minister's office denied it." and not issues


def test_restore_reports_lost_terms(glossary):
    _, slots = protect(SENT, glossary)
    out, issues = restore("The secretary general was received twice.", slots)
    assert {i.source for i in issues} == {"l'Otan", "Jens Stoltenberg", "Matignon", "Quai d'Orsay"}
    assert all(i.type == "name" and i.detail.startswith("glossary:") for i in issues)


def test_fact_checker_enforces_the_glossary(glossary):
    fr = "Matignon a démenti."
    assert any("glossary" in i.detail for i in check_translation(fr, "Matignon denied it.", glossary=glossary))
    assert check_translation(fr, "The prime minister's office denied it.", glossary=glossary) == []


class CopyingTranslator:
    """Stands in for a model that carries names and numbers through, as real OPUS-MT does: it 'translates' a few
    French words and copies everything else; records its inputs."""

    WORDS = {"Le secrétaire général de": "The secretary general of", "a été reçu à": "was received at",
             "puis au": "and then at the", "La réunion a eu lieu à": "The meeting took place in",
             "vendredi": "on Friday", "Il pleut": "It is raining"}

    def __init__(self, drop_numbers: bool = False):
        self.drop_numbers = drop_numbers
        self.seen: list[str] = []

    def translate(self, sentences, progress=None):
        import re

        self.seen.extend(sentences)
        out = []
        for s in sentences:
            for fr, en in self.WORDS.items():
                s = s.replace(fr, en)
            out.append(re.sub(r"\d+", "", s) if self.drop_numbers else s)
        if progress:
            progress(len(sentences), len(sentences))
        return out

    def models_used(self):
        return ["copying"]


SENTENCES = [SENT, "La réunion a eu lieu à Bruxelles vendredi.", "Il pleut."]


def test_glossary_round_trip_when_the_model_keeps_placeholders(glossary):
    inner = CopyingTranslator()
    translator = GlossaryTranslator(inner, glossary)
    calls = []
    out = translator.translate(SENTENCES, progress=lambda d, t: calls.append((d, t)))
    assert calls and translator.models_used() == ["copying"]
    # the model saw the protected text, not the French terms
    assert placeholder_token(0) in inner.seen[0] and "Matignon" not in inner.seen[0]
    assert "Brussels" in inner.seen[1]
    assert out[0] == ("The secretary general of NATO Jens Stoltenberg was received at the prime minister's office "
                      "and then at the French foreign ministry.")
    assert out[1] == "The meeting took place in Brussels on Friday."
    assert translator.last_issues == [[], [], []]


def test_each_dropped_placeholder_is_reported_by_term(glossary):
    translator = GlossaryTranslator(CopyingTranslator(drop_numbers=True), glossary)
    out = translator.translate(SENTENCES)
    reported = {i.source for i in translator.last_issues[0]}
    assert reported == {"Matignon", "Quai d'Orsay"}  # the inlined and kept names survived
    assert all("placeholder" in i.detail for i in translator.last_issues[0])
    assert not any(ch.isdigit() for ch in out[0])


def test_placeholders_survive_the_opus_mt_style_tokenizer(tiny_models):
    """A model can only copy what its tokenizer can spell: the placeholder must come back from encode/decode
    intact, in pieces the vocabulary knows (the old ZXQB scheme relied on a model copying a string it never saw)."""
    from transformers import MarianTokenizer

    tok = MarianTokenizer.from_pretrained(str(tiny_models["marian"]))
    for i in range(4):
        text = f"Il est arrivé à {placeholder_token(i)} vendredi."
        ids = tok(text)["input_ids"]
        assert tok.unk_token_id not in ids
        assert placeholder_token(i) in tok.decode(ids, skip_special_tokens=True)
