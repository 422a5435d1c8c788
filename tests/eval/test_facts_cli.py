"""`python -m eval facts`: rates, --jsonl lines."""

import json

from typer.testing import CliRunner

from eval.cli import _register, app


def _files(tmp_path):
    src = tmp_path / "src.fr"
    hyp = tmp_path / "hyp.en"
    src.write_text("L'Otan a 500 personnels en Irak.\nLa réunion aura lieu vendredi à Bruxelles.\nIl coûte 30 €.\n",
                   encoding="utf-8")
    hyp.write_text("NATO has 600 personnel in Iraq.\nThe meeting will take place on Friday in Brussels.\nIt costs $30.\n",
                   encoding="utf-8")
    return src, hyp


def test_rates(tmp_path):
    _register()
    src, hyp = _files(tmp_path)
    res = CliRunner().invoke(app, ["facts", "--src", str(src), "--hyp", str(hyp)])
    assert res.exit_code == 0, res.output
    lines = {l.split()[0]: l.split() for l in res.output.splitlines() if l and l.split()[0] in
             ("number", "money", "any", "date", "name", "quote")}
    assert lines["number"][1] == "1" and lines["money"][1] == "1" and lines["date"][1] == "0"
    assert lines["any"][1] == "2" and lines["any"][2] == "66.67%"


def test_jsonl(tmp_path):
    _register()
    src, hyp = _files(tmp_path)
    res = CliRunner().invoke(app, ["facts", "--src", str(src), "--hyp", str(hyp), "--jsonl"])
    assert res.exit_code == 0
    rows = [json.loads(l) for l in res.stdout.splitlines() if l.startswith("{")]
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert {i["type"] for i in rows[0]["issues"]} == {"number"}
    assert rows[1]["issues"] == []
    assert rows[2]["issues"][0]["type"] == "money" and set(rows[2]["issues"][0]) == {"type", "source", "detail"}


def test_misaligned_files_are_refused(tmp_path):
    _register()
    src, hyp = _files(tmp_path)
    hyp.write_text("one line\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["facts", "--src", str(src), "--hyp", str(hyp)])
    assert res.exit_code != 0
