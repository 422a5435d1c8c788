# Two commands on a fresh machine:  `make run` (install + start the app)  and  `make test` (install + all tests).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install run test fetch verify data bench audit load-test clean

install: $(VENV)/.installed
	@bash .ci/ensure-lexicon

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -r requirements.txt
	touch $@

# Fetch the default models into the Hugging Face cache (needs the hub once), then start the app on
# WIREBRIEF_HOST:WIREBRIEF_PORT (127.0.0.1:7860). Offline, the fetch explains what to do and the app still
# starts, reporting the missing model on /v1/health and in the page.
run: install
	-$(PY) -m models fetch
	$(PY) -m service

fetch: install
	$(PY) -m models fetch

# Conformance kit: the fetched models against their model cards (docs/architecture.md "Conformance kit").
verify: install
	$(PY) -m models verify --quick

# newstest2013 FR→EN into data/ with sacrebleu's downloader (other sets: docs/data.md).
data: install
	mkdir -p data/newstest2013-fr-en
	$(VENV)/bin/sacrebleu -t wmt13 -l fr-en --echo src > data/newstest2013-fr-en/newstest2013.fr
	$(VENV)/bin/sacrebleu -t wmt13 -l fr-en --echo ref > data/newstest2013-fr-en/newstest2013.en

test: install
	bash .ci/ensure-chromium
	PY=$(PY) bash .ci/audit
	$(PY) -m pytest -n 2

audit: install
	PY=$(PY) bash .ci/audit

load-test: install
	$(PY) -m eval load-test --clients 8 --duration 180

bench: install
	$(PY) -m eval bench --quick

clean:
	rm -rf $(VENV) artifacts
