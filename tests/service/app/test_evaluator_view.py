"""The Evaluator tab: view builders (blind, escaped), where pairs come from (eval run folders, a dispatch run
live), and in a real browser: rate one blind pair and find the rating stored."""

from __future__ import annotations

import json

import pytest

from eval.ratings import RatingError, load_ratings, new_blind_pair
from eval.ratings.sources import list_runs, live_summary_pair, rating_progress, run_folder
from service.app.tabs.evaluator import collect_ratings, render_pair

SOURCES = ["Le chat dort sur le canapé.", "La grève continue à Paris.", "Le ministre a démissionné jeudi."]


def write_run(folder, system: str, outputs: list[str], suite: str = "tiny-news"):
    """A results folder as `python -m eval run` writes it (the parts pairing reads)."""
    folder.mkdir(parents=True)
    (folder / "results.json").write_text(json.dumps({"suite": suite, "system": system, "task": "translation"}))
    with open(folder / "segments.jsonl", "w", encoding="utf-8") as f:
        for i, (src, out) in enumerate(zip(SOURCES, outputs)):
            f.write(json.dumps({"index": i, "source": src, "output": out, "reference": out}) + "\n")
    return folder


@pytest.fixture
def runs(tmp_path):
    a = write_run(tmp_path / "runs" / "a", "copy-source", SOURCES)
    b = write_run(tmp_path / "runs" / "b", "pipeline:tiny", ["The cat <b>sleeps</b>.", "The strike goes on.", "The minister quit."])
    return a, b


def test_render_pair_is_blind_and_escaped(tmp_path):
    db = tmp_path / "r.sqlite3"
    pair = new_blind_pair("it-1", "Source <i>x</i>", {"sysA": "Alpha <script>", "sysB": "Beta & co"}, seed=1, db_path=db)
    html = render_pair(pair)
    assert "sysA" not in html and "sysB" not in html  # systems hidden
    assert "Output 1" in html and "Output 2" in html
    order = [text for _, _, text in pair.shown]
    assert html.index(order[0].split(" ")[0]) < html.index(order[1].split(" ")[0])  # in display order
    assert "<script>" not in html and "&lt;script&gt;" in html and "Source &lt;i&gt;x&lt;/i&gt;" in html
    assert "No pair left" in render_pair(None, "ann")


def test_collect_ratings_maps_widgets_to_positions_and_requires_every_score():
    values = ["4", "5", "3", ["omission"], "2", "2", "1", []]
    assert collect_ratings(values) == {
        1: {"adequacy": 4, "fluency": 5, "faithfulness": 3, "error_tags": ["omission"]},
        2: {"adequacy": 2, "fluency": 2, "faithfulness": 1, "error_tags": []},
    }
    with pytest.raises(RatingError, match="rate the fluency of output 2"):
        collect_ratings(["4", "5", "3", [], "2", None, "1", []])


def test_list_runs_finds_results_folders(runs, tmp_path):
    (tmp_path / "runs" / "not-a-run").mkdir()
    found = {r.system: r for r in list_runs(tmp_path / "runs")}
    assert set(found) == {"copy-source", "pipeline:tiny"}
    assert found["copy-source"].segments == 3 and found["copy-source"].suite == "tiny-news"
    assert list_runs(tmp_path / "missing") == []


def test_live_pair_compares_two_summarizers_on_one_dispatch(live_app, tmp_path):
    db = tmp_path / "live.sqlite3"
    text = "Le gouvernement a présenté mardi un plan pour les agriculteurs. Les syndicats jugent les mesures insuffisantes."
    pair = live_summary_pair(live_app.runtime, text, "lede", ("model", "extractive-lead"), db_path=db)
    lead = live_app.runtime.translate(text, summaries=["lede"], summarizer="extractive-lead")
    assert pair.source == lead.translation
    assert lead.summaries["lede"].text in [t for _, _, t in pair.shown]
    assert rating_progress("ann", db_path=db) == (1, 0)
    with pytest.raises(RatingError, match="two different"):
        live_summary_pair(live_app.runtime, text, "lede", ("model", "model"), db_path=db)


@pytest.fixture
def served_runs(live_app):
    """Two runs in the app's WIREBRIEF_RESULTS_DIR (the only folders the Evaluator tab reads)."""
    import uuid

    root = live_app.runtime.settings.results_dir / uuid.uuid4().hex[:8]
    a = write_run(root / "a", "copy-source", SOURCES)
    b = write_run(root / "b", "pipeline:tiny", ["The cat <b>sleeps</b>.", "The strike goes on.", "The minister quit."])
    return a, b


def test_run_folder_accepts_only_folders_under_the_results_dir(runs, tmp_path):
    root = tmp_path / "runs"
    assert run_folder(runs[0], root) == runs[0].resolve()
    assert run_folder("b", root) == runs[1].resolve()  # a bare name is looked up in the results folder
    (root / "escape").symlink_to(tmp_path.parent, target_is_directory=True)
    for outside in ("/etc", str(tmp_path), "../..", "a/../../..", str(root / "escape"), "escape", "/no/such/folder", ""):
        with pytest.raises(RatingError, match="is not a results folder under .* \\(WIREBRIEF_RESULTS_DIR\\)"):
            run_folder(outside, root)


@pytest.mark.browser
def test_the_run_fields_do_not_probe_server_folders(page, live_app):
    """Typed into Run A/B, an existing server folder and a missing one get the same answer (no oracle), naming
    the results folder; before, '/etc' got a read error and '/no/such' 'is not a folder'."""
    page.get_by_role("tab", name="Evaluator").click()
    page.click("#wb-eval-add button, #wb-eval-add .label-wrap")
    answers = {}
    for probe in ("/etc", "/no/such/folder"):
        for side in ("a", "b"):
            page.fill(f"#wb-eval-run-{side} input", probe)
            page.keyboard.press("Enter")
        page.click("#wb-eval-from-runs")
        message = page.locator(f"#wb-eval-add-message .wb-error:has-text('{probe}')")
        message.wait_for(timeout=30_000)
        answers[probe] = message.inner_text().replace(probe, "<path>")
    assert answers["/etc"] == answers["/no/such/folder"]
    assert "WIREBRIEF_RESULTS_DIR" in answers["/etc"]


@pytest.mark.browser
def test_an_answer_stays_until_the_reader_edits_a_field_then_goes(page, live_app):
    """Make pairs answers in #wb-eval-add-message; typing in a field it was about clears it in the browser at once
    (a clear sent to the server used to come back after a quick answer and wipe it)."""
    page.get_by_role("tab", name="Evaluator").click()
    page.click("#wb-eval-add button, #wb-eval-add .label-wrap")
    for side in ("a", "b"):
        page.fill(f"#wb-eval-run-{side} input", "/no/such/folder")
        page.keyboard.press("Enter")
    page.click("#wb-eval-from-runs")
    page.locator("#wb-eval-add-message .wb-error").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)  # any late event of the typing above has come back by now
    assert "/no/such/folder" in page.inner_text("#wb-eval-add-message")
    page.locator("#wb-eval-run-b input").press_sequentially("x")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('#wb-eval-add-message').innerText.trim()", timeout=5_000)


@pytest.mark.browser
def test_rate_one_blind_pair_and_find_it_stored(page, live_app, served_runs, artifacts):
    runs = served_runs
    db = live_app.runtime.settings.db_path
    before = len(load_ratings(db_path=db))
    page.get_by_role("tab", name="Evaluator").click()
    # Make pairs from the two runs (typed paths inside WIREBRIEF_RESULTS_DIR).
    page.click("#wb-eval-add button, #wb-eval-add .label-wrap")
    for side, run in (("a", runs[0]), ("b", runs[1])):
        page.fill(f"#wb-eval-run-{side} input", str(run))
        page.keyboard.press("Enter")
    page.fill("#wb-eval-n input", "2")
    page.click("#wb-eval-from-runs")
    page.wait_for_selector("#wb-eval-add-message .wb-ok:has-text('2 blind pairs stored')", timeout=30_000)

    rater = "rater-playwright"
    page.fill("#wb-eval-rater textarea", rater)
    page.click("#wb-eval-next")
    page.wait_for_selector("#wb-eval-pair .wb-eval-pair", timeout=30_000)
    shown_pair = page.get_attribute("#wb-eval-pair .wb-eval-pair", "data-pair")
    outputs = page.locator("#wb-eval-pair .wb-eval-output .wb-eval-text").all_inner_texts()
    assert len(outputs) == 2 and "copy-source" not in page.inner_text("#wb-eval-pair")
    assert "left" in page.inner_text("#wb-eval-progress")

    scores = {1: ("4", "5", "3"), 2: ("2", "3", "1")}
    for position, values in scores.items():
        for dim, value in zip(("adequacy", "fluency", "faithfulness"), values):
            page.click(f"#wb-eval-{position}-{dim} label:has-text('{value}')")
    page.click("#wb-eval-2-tags label:has-text('omission')")
    page.screenshot(path=str(artifacts / "app-evaluator.png"), full_page=True)
    page.click("#wb-eval-save")
    page.wait_for_selector("#wb-eval-message .wb-ok:has-text('Saved')", timeout=30_000)

    rows = [r for r in load_ratings(db_path=db)[before:] if r["rater_id"] == rater]
    assert {r["pair_id"] for r in rows} == {shown_pair}
    by_position = {r["position"]: r for r in rows}
    for position, (adequacy, fluency, faithfulness) in scores.items():
        row = by_position[position]
        assert (row["adequacy"], row["fluency"], row["faithfulness"]) == (int(adequacy), int(fluency), int(faithfulness))
    assert by_position[2]["error_tags"] == ["omission"] and by_position[1]["error_tags"] == []
    # the output shown at each position is the stored system's output for that item
    segments = {r: [json.loads(line) for line in (run / "segments.jsonl").read_text().splitlines()] for r in ("a", "b") for run in [runs["ab".index(r)]]}
    by_system = {"copy-source": segments["a"], "pipeline:tiny": segments["b"]}
    index = int(rows[0]["item_id"].split(":")[1])
    for position, text in zip((1, 2), outputs):
        assert by_system[by_position[position]["system"]][index]["output"] == text.strip()
    # the next pair is open, and the widgets are cleared for it
    assert page.get_attribute("#wb-eval-pair .wb-eval-pair", "data-pair") != shown_pair
    assert page.js_errors == []
