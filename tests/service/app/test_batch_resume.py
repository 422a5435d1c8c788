"""After a crash, a restarted app lists its batch jobs and resumes the unfinished one without redoing finished
documents. Uses `python -m service serve` in subprocesses (killed with SIGKILL) on one database."""

from __future__ import annotations

import time

import pytest

from service.settings import PROJECT_ROOT
from service.local_server import ServerProcess, free_port, settings_env

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DOCUMENTS = [
    ("un.txt", "Le Parlement européen a voté mercredi une nouvelle directive sur les emballages."),
    ("deux.txt", "Le texte impose aux fabricants de réduire leurs déchets de quinze pour cent d'ici à 2030."),
    ("trois.txt", "Les organisations écologistes ont salué un compromis jugé encore insuffisant."),
    ("quatre.txt", "Les industriels du plastique dénoncent des délais trop courts pour adapter leurs usines."),
    ("cinq.txt", "La Commission présentera un premier bilan de la mesure au printemps prochain."),
]


def attempts(store, job_id: str) -> dict[str, tuple[str, int]]:
    return {row.name: (row.status, row.attempts) for row in store.documents(job_id)}


def test_restart_lists_jobs_and_resumes_the_unfinished_one(tiny_settings, tmp_path, browser, artifacts):
    from service.batch import api as batch_api
    from service.batch.inputs import iter_uploads

    settings = tiny_settings.model_copy(update={"db_path": tmp_path / "wb.sqlite3", "host": "127.0.0.1"})
    store = batch_api.open_store(settings)
    items = iter_uploads([(name, text.encode()) for name, text in DOCUMENTS], settings)
    job_id, created = batch_api.create_job(items, settings, store, summaries=[], label="resume test")
    assert created and store.job(job_id).pending == 5

    # 1st server (`python -m service`, no command: the default is to serve): picks the job up at start-up; killed
    # once some (not all) documents are done.
    env = settings_env(settings, WIREBRIEF_PORT=free_port())
    first = ServerProcess(env, PROJECT_ROOT, tmp_path / "first.log", args=())
    first.start()
    assert first.url.endswith(env["WIREBRIEF_PORT"])
    try:
        deadline = time.monotonic() + 300
        while store.job(job_id).done < 2:
            assert time.monotonic() < deadline, "the first server did not resume the job"
            time.sleep(0.05)
    finally:
        first.kill()
    before = attempts(store, job_id)
    done_before = {name for name, (status, _) in before.items() if status == "done"}
    if len(done_before) == len(DOCUMENTS):
        pytest.fail("the job finished before the kill: nothing left to resume (documents too fast for this test)")

    # 2nd server on the same database: lists the job and finishes it, running only what was left.
    second = ServerProcess(settings_env(settings, WIREBRIEF_PORT=free_port()), PROJECT_ROOT, tmp_path / "second.log")
    second.start()
    try:
        second.wait_ready()
        deadline = time.monotonic() + 300
        while store.job(job_id).pending:
            assert time.monotonic() < deadline, "the restarted server did not finish the job"
            time.sleep(0.1)
        after = attempts(store, job_id)
        assert all(status == "done" for status, _ in after.values())
        for name in done_before:
            assert after[name] == before[name], f"{name} was run again after the restart"

        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{second.url}/")
        page.click("button[role='tab']:has-text('Batch')")
        page.wait_for_selector(f"#wb-batch-jobs :text('{job_id}') >> visible=true", timeout=60_000)
        row = page.inner_text("#wb-batch-jobs")
        assert "resume test" in row and "done" in row
        page.locator(f"#wb-batch-jobs :text('{job_id}') >> visible=true").first.click()
        page.wait_for_selector("#wb-batch-zip", state="visible", timeout=60_000)
        assert "5/5 documents (5 done, 0 errors)" in page.inner_text("#wb-batch-progress")
        page.screenshot(path=str(artifacts / "app-batch-after-restart.png"), full_page=True)
        page.close()
    finally:
        second.stop()
        store.close()
