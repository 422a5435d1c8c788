"""Every metric equals the library's own figure; signatures say how it was computed."""

from __future__ import annotations

import json

import pytest
from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU, CHRF, TER
from typer.testing import CliRunner

from eval.cli import app
from eval.io import read_lines
from eval.metrics import compute_all
from eval.metrics.rouge_unicode import UnicodeTokenizer
from tests.eval.conftest import REFERENCES, SOURCES, write_lines

import eval.commands  # noqa: F401  (registers the sub-commands)

HYPS = [
    "The government announced Friday an increase of 3.5% of the defense budget.",
    "NATO ministers meet in Brussels to discuss the Iraq mission.",
    "The president said that the situation remained very worrying in the north.",
    "Police arrested two suspects Tuesday night after a long inquiry.",
    "Energy prices rose 12% since the beginning of the year.",
    "The game was postponed due to heavy rains in the region.",
]


def test_sacrebleu_metrics_equal_library():
    rep = compute_all("translation", HYPS, REFERENCES, SOURCES, metrics=["bleu", "chrf", "ter"], segments=True)
    bleu, chrf, ter = BLEU(), CHRF(), TER()
    assert rep.scores["bleu"].score == bleu.corpus_score(HYPS, [REFERENCES]).score
    assert rep.scores["chrf"].score == chrf.corpus_score(HYPS, [REFERENCES]).score
    assert rep.scores["ter"].score == ter.corpus_score(HYPS, [REFERENCES]).score
    assert rep.scores["bleu"].signature == str(bleu.get_signature())
    assert rep.scores["chrf"].signature == str(chrf.get_signature())
    assert rep.scores["ter"].signature == str(ter.get_signature())
    seg_bleu = BLEU(effective_order=True)
    assert rep.scores["bleu"].segments == [seg_bleu.sentence_score(h, [r]).score for h, r in zip(HYPS, REFERENCES)]
    assert "eff:yes" in rep.scores["bleu"].segment_signature
    assert rep.scores["chrf"].segments == [CHRF().sentence_score(h, [r]).score for h, r in zip(HYPS, REFERENCES)]


def test_newstest_copy_source_equals_sacrebleu(newstest):
    src, ref = read_lines(newstest[0])[:300], read_lines(newstest[1])[:300]
    rep = compute_all("translation", src, ref, metrics=["bleu", "chrf"])
    assert rep.scores["bleu"].score == pytest.approx(BLEU().corpus_score(src, [ref]).score, abs=0)
    assert rep.scores["chrf"].score == pytest.approx(CHRF().corpus_score(src, [ref]).score, abs=0)


def test_rouge_equals_rouge_score_recipe():
    rep = compute_all("summarization", HYPS, REFERENCES, metrics=["rouge"], segments=True)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    direct = [scorer.score(r, h) for h, r in zip(HYPS, REFERENCES)]
    for key in ("rouge1", "rouge2", "rougeL"):
        expected = 100 * sum(d[key].fmeasure for d in direct) / len(direct)
        assert rep.scores[key].score == pytest.approx(expected, abs=1e-9)
        assert rep.scores[key].segments == pytest.approx([100 * d[key].fmeasure for d in direct])
        assert "tok:rouge-score-default|stem:no" in rep.scores[key].signature


def test_unicode_rouge_keeps_accents():
    # rouge-score's default tokenizer: "été" → "t", "économie" → "conomie"; ours keeps the words.
    assert UnicodeTokenizer().tokenize("L'économie a été réformée, 12 000 €") == ["l", "économie", "a", "été", "réformée", "12", "000"]
    default = rouge_scorer.RougeScorer(["rouge1"]).score("été", "t")["rouge1"].fmeasure
    assert default == 1.0  # the published recipe calls "t" a perfect match for "été"
    rep = compute_all("summarization", ["t"], ["été"], metrics=["rouge", "rouge_unicode"])
    assert rep.scores["rouge1"].score == 100.0 and rep.scores["rouge1_unicode"].score == 0.0
    # the variant is still rouge-score's computation, with our tokenizer
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=UnicodeTokenizer())
    hyp, ref = "Le député a été élu à Besançon", "Le député élu à Besançon a été réélu"
    rep = compute_all("summarization", [hyp], [ref], metrics=["rouge_unicode"])
    for key in ("rouge1", "rouge2", "rougeL"):
        assert rep.scores[key + "_unicode"].score == pytest.approx(100 * scorer.score(ref, hyp)[key].fmeasure)
        assert "tok:unicode" in rep.scores[key + "_unicode"].signature


def test_length_statistics():
    rep = compute_all("summarization", ["a b c", "d e"], ["a b", "c d e f"], ["x y z w v u", "p q r s"], metrics=["length"])
    assert rep.scores["hyp_words"].score == 2.5
    assert rep.scores["ref_words"].score == 3.0
    assert rep.scores["len_ratio"].score == pytest.approx(5 / 6)
    assert rep.scores["compression"].score == pytest.approx(10 / 5)


def test_comet_missing_is_a_message_not_a_crash():
    rep = compute_all("translation", HYPS, REFERENCES, SOURCES, metrics=["bleu", "comet"])
    assert "bleu" in rep.scores
    assert "comet" in rep.skipped and "COMET skipped" in rep.skipped["comet"]


def test_score_cli_json(tmp_path):
    hyp = write_lines(tmp_path / "hyp.txt", HYPS)
    ref = write_lines(tmp_path / "ref.txt", REFERENCES)
    src = write_lines(tmp_path / "src.txt", SOURCES)
    res = CliRunner().invoke(
        app, ["score", "--task", "translation", "--hyp", str(hyp), "--ref", str(ref), "--src", str(src), "--json"]
    )
    assert res.exit_code == 0, res.output
    payload = json.loads(res.stdout)
    assert payload["metrics"]["bleu"] == BLEU().corpus_score(HYPS, [REFERENCES]).score
    assert set(payload["metrics"]) >= {"bleu", "chrf", "ter"}
    assert payload["signature"]["chrf"].startswith("nrefs:1|")
    assert "comet" in payload["skipped"]
    res = CliRunner().invoke(app, ["score", "--task", "summarization", "--hyp", str(hyp), "--ref", str(ref), "--json"])
    assert res.exit_code == 0, res.output
    assert set(json.loads(res.stdout)["metrics"]) >= {"rouge1", "rouge2", "rougeL", "rouge1_unicode"}


def test_score_cli_misaligned_files(tmp_path):
    hyp = write_lines(tmp_path / "hyp.txt", HYPS[:2])
    ref = write_lines(tmp_path / "ref.txt", REFERENCES)
    res = CliRunner().invoke(app, ["score", "--task", "translation", "--hyp", str(hyp), "--ref", str(ref)])
    assert res.exit_code == 2 and "line-aligned" in res.output
