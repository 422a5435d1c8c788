"""Issue 17, hole 4, as it happened: a web page served from another port of this machine makes the editor's browser
post to the app (a no-cors fetch and a plain HTML form). Headless Chromium, the real app on loopback."""

from __future__ import annotations

import http.server
import threading

import pytest

from service.local_server import free_port

ATTACK = """<!doctype html><html><body>
<form id="f" method="POST" enctype="multipart/form-data" target="sink" action="{app}/v1/batch">
  <input type="hidden" name="summaries" value="">
</form>
<iframe name="sink"></iframe>
<script>
  const data = new FormData();
  data.append("files", new Blob(["Le gouvernement a présenté un plan."], {{type: "text/plain"}}), "wire.txt");
  data.append("summaries", "");
  window.fetchDone = fetch("{app}/v1/batch", {{method: "POST", mode: "no-cors", body: data}})
    .then(() => "sent", (e) => "failed: " + e);
  window.jsonDone = fetch("{app}/v1/translate", {{method: "POST", mode: "no-cors",
    body: new Blob([JSON.stringify({{text: "Il pleut.", summaries: [], source_language: "fr"}})])}})
    .then(() => "sent", (e) => "failed: " + e);
</script></body></html>"""


@pytest.fixture
def attacker_page(live_app):
    """http://localhost:<another port>/ serving the attacking page (same machine, same site, other origin)."""
    html = ATTACK.format(app=live_app.url).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_a_page_on_another_port_cannot_post_to_the_app(browser, live_app, attacker_page):
    batch = live_app.server.config.app.state.batch
    before = len(batch.jobs(limit=10_000))
    context = browser.new_context()
    page = context.new_page()
    answers = []
    page.on("response", lambda r: answers.append((r.url, r.status)) if r.url.startswith(live_app.url) else None)
    page.goto(attacker_page)
    assert page.evaluate("window.fetchDone") == "sent"  # the browser sent it (no-cors: the page sees nothing)
    assert page.evaluate("window.jsonDone") == "sent"
    assert len(batch.jobs(limit=10_000)) == before  # the fetch created no job
    with page.expect_response(lambda r: r.url == f"{live_app.url}/v1/batch" and r.request.method == "POST"
                              and "sink" in (r.frame.name if r.frame else "")) as form_answer:
        page.evaluate("document.getElementById('f').submit()")
    assert form_answer.value.status == 403
    context.close()
    refused = [(url, status) for url, status in answers if "/v1/" in url]
    assert len(refused) == 3 and all(status == 403 for _, status in refused), answers
    assert len(batch.jobs(limit=10_000)) == before  # nor did the form
