"""Glossary: loading and merging, placeholder protection and restoration, and the round trip through a tiny
MarianMT (random weights, real tokenizer and generate(): the model will not copy placeholders, so the test checks
that each glossary term is either in the output or reported)."""

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


def test_restore_tolerates_a_split_placeholder(glossary):
    _, slots = protect("Matignon a démenti.", glossary)
    out, issues = restore("ZX QB denied it.", slots)
    assert out.startswith("The prime minister's office") and not issues


def test_restore_reports_lost_terms(glossary):
    _, slots = protect(SENT, glossary)
    out, issues = restore("The secretary general was received twice.", slots)
    assert {i.source for i in issues} == {"l'Otan", "Jens Stoltenberg", "Matignon", "Quai d'Orsay"}
    assert all(i.type == "name" and i.detail.startswith("glossary:") for i in issues)


def test_fact_checker_enforces_the_glossary(glossary):
    fr = "Matignon a démenti."
    assert any("glossary" in i.detail for i in check_translation(fr, "Matignon denied it.", glossary=glossary))
    assert check_translation(fr, "The prime minister's office denied it.", glossary=glossary) == []


class TinyMarian:
    """A real MarianMT translator (tokenizer, generate, decode) over the tiny test model; records its inputs."""

    def __init__(self, path: Path):
        from transformers import MarianMTModel, MarianTokenizer

        self.tokenizer = MarianTokenizer.from_pretrained(str(path))
        self.model = MarianMTModel.from_pretrained(str(path))
        self.seen: list[str] = []

    def translate(self, sentences, progress=None):
        self.seen.extend(sentences)
        batch = self.tokenizer(sentences, return_tensors="pt", padding=True)
        out = self.model.generate(**batch, max_new_tokens=12, num_beams=1, do_sample=False)
        if progress:
            progress(len(sentences), len(sentences))
        return self.tokenizer.batch_decode(out, skip_special_tokens=True)

    def models_used(self):
        return ["tiny-marian"]


@pytest.fixture(scope="module")
def tiny_marian(request, tmp_path_factory) -> Path:
    """The session's tiny models when the suite's conftest builds them, else one built here (seconds)."""
    try:
        return Path(request.getfixturevalue("tiny_models")["marian"])
    except pytest.FixtureLookupError:
        from models.tiny import build_tiny_marian

        return build_tiny_marian(tmp_path_factory.mktemp("facts-marian") / "marian")


def test_glossary_round_trip_through_tiny_marian(tiny_marian, glossary):
    inner = TinyMarian(tiny_marian)
    translator = GlossaryTranslator(inner, glossary)
    sentences = [SENT, "La réunion a eu lieu à Bruxelles vendredi.", "Il pleut."]
    calls = []
    out = translator.translate(sentences, progress=lambda d, t: calls.append((d, t)))
    assert len(out) == len(sentences) and calls
    # the model saw the protected text, not the French terms
    assert placeholder_token(0) in inner.seen[0] and "Matignon" not in inner.seen[0]
    assert "Brussels" in inner.seen[1]
    assert translator.models_used() == ["tiny-marian"]
    for sentence, text, issues in zip(sentences, out, translator.last_issues):
        for entry, surface in glossary.find(sentence):
            target = entry.target
            assert target in text or any(i.source == surface for i in issues), (surface, text, issues)
        assert not any(placeholder_token(k) in text for k in range(4))  # no placeholder leaks to the reader
    assert translator.last_issues[2] == []
