"""Issue 16 point 1 / issue 13 point 5: the "at a glance" box follows the pipeline's stream — the wire lede from
the ``glance`` event, then each summary as its ``summary`` event arrives — while the run is still going. The run
is held on the server right after the headline is ready (a listener, not timing luck), so what the page shows
then can only have come from the event."""

from __future__ import annotations

import threading
import time

import pytest

from service.app.glance import WIRE_LEDE_LABEL, render_glance_streaming
from service.events import Glance, SummaryReady, ignore
from service.result import Paragraph, Sentence, Summary
from tests.service.app.test_reader_page import DISPATCH, viewport_page  # noqa: F401  (fixture)

HOLD_SECONDS = 90


@pytest.fixture
def hold_after_headline(live_app):
    """Wrap the runtime's translate so that its run waits, right after the headline's SummaryReady went to the
    page, until the test releases it. Yields (held, release, seen): ``seen`` gets the headline Summary."""
    runtime = live_app.runtime
    original = runtime.translate
    held, release, seen = threading.Event(), threading.Event(), {}

    def translate(text, *, listener=ignore, **options):
        def relay(event):
            listener(event)
            if isinstance(event, SummaryReady) and event.summary.preset == "headline" and not release.is_set():
                seen["headline"] = event.summary
                held.set()
                release.wait(HOLD_SECONDS)

        return original(text, listener=relay, **options)

    runtime.translate = translate  # the instance attribute shadows the method; Runtime.stream calls self.translate
    try:
        yield held, release, seen
    finally:
        release.set()
        del runtime.translate


@pytest.mark.browser
def test_headline_reaches_the_glance_box_before_the_run_ends(viewport_page, hold_after_headline, artifacts):  # noqa: F811
    page = viewport_page
    held, release, seen = hold_after_headline
    page.fill("#wb-dispatch-text textarea", DISPATCH + f"\n\nLa réunion de {page.viewport_name} a duré trois heures.")
    page.click("#wb-run")
    deadline = time.monotonic() + 120
    while not held.is_set() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert held.is_set(), "the run never produced a headline"
    headline = seen["headline"].text
    assert headline.strip()
    # the run is held on the server: no Result yet, and the headline is already in the glance box
    page.wait_for_function(
        """(h) => { const e = document.querySelector('#wb-dispatch-glance h3.wb-glance-headline[data-preset=headline]');
                    return e && e.textContent === h; }""",
        arg=headline,
        timeout=30_000,
    )
    assert page.get_attribute("#wb-dispatch-glance .wb-glance", "data-state") == "running"
    assert page.locator("#wb-dispatch-progress .wb-finished").count() == 0, "the run ended before the check"
    assert page.locator("#wb-dispatch-glance .wb-waiting").count() == 0
    assert page.is_visible("#wb-dispatch-stop"), "Stop should still be offered while the run goes on"
    page.screenshot(path=str(artifacts / f"reader-glance-streaming-{page.viewport_name}.png"))
    release.set()
    page.wait_for_selector("#wb-dispatch-progress .wb-finished", timeout=120_000)
    assert headline in page.text_content("#wb-dispatch-glance")
    assert page.get_attribute("#wb-dispatch-glance .wb-glance", "data-state") == "done"
    assert not page.js_errors


def _paragraph(text: str) -> Paragraph:
    return Paragraph(index=0, sentences=[Sentence(index=0, source="x", translation=text)])


def test_streaming_glance_takes_each_event_in_turn():
    first = _paragraph("The first paragraph.")
    early = render_glance_streaming([first], 3, True, Glance("The wire lede <b>as sent</b>."))
    assert WIRE_LEDE_LABEL in early and "The wire lede &lt;b&gt;as sent&lt;/b&gt;." in early and "<b>as" not in early
    assert "wb-waiting" in early  # the headline is still to come
    summaries = {"headline": Summary(preset="headline", text="Nato sends <trainers>", method="seq2seq")}
    with_headline = render_glance_streaming([first], 3, True, Glance("The wire lede."), summaries)
    assert '<h3 class="wb-glance-headline" data-preset="headline">Nato sends &lt;trainers&gt;</h3>' in with_headline
    assert "wb-waiting" not in with_headline and WIRE_LEDE_LABEL in with_headline
    summaries["lede"] = Summary(preset="lede", text="Nato will send 700 trainers.", method="seq2seq")
    summaries["bullets"] = Summary(preset="bullets", text="- a\n- b", items=["a", "b"], method="seq2seq")
    full = render_glance_streaming([first], 3, True, Glance("The wire lede."), summaries)
    assert WIRE_LEDE_LABEL not in full and "Nato will send 700 trainers." in full
    assert '<details class="wb-glance-more"><summary>Key points: ready</summary>' in full
    assert '<div class="wb-glance-summary" data-preset="bullets">' in full and "<li>a</li><li>b</li>" in full
