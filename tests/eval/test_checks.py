"""Reference-free checks: each on a passing and a failing real-looking example, and the registry's plug-in point."""

from __future__ import annotations

from eval.checks import CheckResult, Segment, get, rates, register, registry, run_checks
from eval.checks.repetition import longest_loop

SRC = "Les ministres de la Défense de l'Otan se réunissent à Bruxelles. Ils discuteront de la mission en Irak."
GOOD = "NATO defence ministers are meeting in Brussels. They will discuss the mission in Iraq."


def seg(output: str, source: str = SRC, **kw) -> Segment:
    return Segment(0, source, output, **kw)


def test_builtin_checks_registered():
    assert {"coverage", "empty", "language", "length_ratio", "repetition", "untranslated", "facts"} <= set(registry())
    assert get("empty").fn(seg("  ")).status == "fail" and get("empty").fn(seg(GOOD)).status == "pass"


def test_coverage_counts_sentences():
    assert get("coverage").fn(seg(GOOD)).status == "pass"
    r = get("coverage").fn(seg("NATO defence ministers are meeting in Brussels."))
    assert r.status == "fail" and "1 output sentences for 2" in r.detail


def test_coverage_uses_pipeline_result_when_present():
    from service.result import LanguageInfo, Paragraph, Result, Sentence

    result = Result(
        language=LanguageInfo(code="fr", name="French", confidence=1.0),
        translated=True,
        paragraphs=[Paragraph(index=0, sentences=[Sentence(index=0, source="A.", translation="A."),
                                                  Sentence(index=1, source="B.", translation="")])],
    )
    r = get("coverage").fn(seg(GOOD, result=result))
    assert r.status == "fail" and r.value == 1


def test_language():
    assert get("language").fn(seg(GOOD)).status == "pass"
    r = get("language").fn(seg(SRC))
    assert r.status == "fail" and "detected fr" in r.detail
    assert get("language").fn(seg("Yeah.")).status == "skip"
    assert get("language").fn(seg(SRC, target_language="fr")).status == "pass"


def test_length_ratio():
    assert get("length_ratio").fn(seg(GOOD)).status == "pass"
    assert get("length_ratio").fn(seg("NATO meets.")).status == "fail"
    assert get("length_ratio").fn(seg("NATO meets."), low=0.1, high=2).status == "pass"


def test_repetition():
    assert longest_loop("of the house of the house of the house".split())[:2] == (3, 3)
    assert get("repetition").fn(seg(GOOD)).status == "pass"
    r = get("repetition").fn(seg("NATO ministers are meeting in Brussels in Brussels in Brussels in Brussels."))
    assert r.status == "fail" and "in brussels" in r.detail
    # a loop the source already has is not the system's fault
    r = get("repetition").fn(seg("No, no, no, no!", source="Non, non, non, non !"))
    assert r.status == "pass" and "also in the source" in r.detail  # a faithful translation of a loop
    r = get("repetition").fn(seg("Bravo bravo bravo bravo !", source="Bravo bravo bravo bravo !"))
    assert r.status == "pass"


def test_untranslated():
    assert get("untranslated").fn(seg(GOOD)).status == "pass"
    r = get("untranslated").fn(seg("NATO ministers are meeting. Ils discuteront de la mission en Irak."))
    assert r.status == "fail" and r.value == 7  # "ils discuteront de la mission en irak"
    # names and titles copied verbatim are fine
    src = "Le photographe a été transporté au Ronald Reagan UCLA Medical Center."
    assert get("untranslated").fn(seg("He was taken to Ronald Reagan UCLA Medical Center.", source=src)).status == "pass"


def test_facts_adapter_skips_until_service_facts_lands():
    r = get("facts").fn(seg(GOOD))
    assert r.status in {"skip", "pass", "fail"}
    if r.status == "skip":
        assert "service.facts" in r.detail


def test_plugin_check_and_rates():
    @register("no_digits_lost", tasks=("translation",), description="every digit survives")
    def no_digits_lost(s: Segment, **_) -> CheckResult:
        lost = [c for c in s.source if c.isdigit() and c not in s.output]
        return CheckResult("fail" if lost else "pass", float(len(lost)))

    segs = [seg("12 000 soldiers", source="12.000 soldats"), seg("soldiers", source="12.000 soldats")]
    per = [{k: v.as_dict() for k, v in run_checks(s, {"no_digits_lost": {}, "language": {}}).items()} for s in segs]
    r = rates(per)
    assert r["no_digits_lost"] == {"checked": 2, "failed": 1, "skipped": 0, "fail_rate": 0.5}
    assert r["language"]["skipped"] == 2 and r["language"]["fail_rate"] is None
