"""Generated attacks (issue 17): Schemathesis against the app's OpenAPI schema — no 5xx, and every documented
response matches its schema — and Hypothesis properties over the text, document and fact-check entry points: any
input ends in a result or a ``WirebriefError`` (which the API answers as a 4xx with words), never another exception
(which would be a 500).

Bounded for CI: few examples per operation, derandomized (the same examples on every run), small limits so that
generated long texts are refused at the edge rather than translated. See README "Tests" for the measured time."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from service.errors import WirebriefError

BOUNDED = settings(
    max_examples=12,  # per API operation: each may run the tiny models
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def generated_runtime(tiny_settings, pipeline, tmp_path_factory):
    from service.runtime import Runtime

    settings_ = tiny_settings.model_copy(
        update={
            "db_path": tmp_path_factory.mktemp("generated-db") / "wb.sqlite3",
            "max_chars": 120,  # generated texts longer than this are refused (413), not translated
            "max_json_bytes": 20_000,
            "max_file_bytes": 20_000,
            "max_batch_files": 2,
            # Schemathesis' in-process client sends ``Host: testserver``; the edge guard refuses unlisted hosts.
            "allowed_hosts": ["testserver"],
        }
    )
    runtime = Runtime(settings_, pipeline_factory=lambda _s: pipeline)
    runtime.load()
    original = pipeline.glossary
    yield runtime
    pipeline.set_glossary(original)  # PUT /v1/glossary examples changed the shared pipeline's glossary
    runtime.close()


@pytest.fixture(scope="module")
def api_schema(generated_runtime):
    from service.api import create_app

    app = create_app(generated_runtime.settings, runtime=generated_runtime, ui=False, start_loading=False)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_api_answers_generated_requests_without_5xx_and_as_documented(api_schema):
    """Every operation of the schema, with generated valid and invalid requests. (One test over all operations:
    Schemathesis' ``from_fixture`` parametrization does not run under this pytest version.)"""
    operations = _operations(api_schema)
    assert len(operations) >= 10, [op.label for op in operations]
    for operation in operations:

        @given(case=operation.as_strategy())
        @BOUNDED
        def run(case):
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        try:
            run()
        except Exception as exc:
            raise AssertionError(f"{operation.label}: {exc}") from exc


# ------------------------------------------------------------------------------------------------ text
@given(text=st.text(max_size=200))
@settings(BOUNDED, max_examples=60)
def test_any_text_is_prepared_or_refused_in_words(generated_runtime, text):
    """The model-free stages (validation, normalization, detection, segmentation) on any text, lone surrogates
    and control characters included."""
    try:
        generated_runtime.check(text, [], "model")
        generated_runtime.pipeline.prepare(text, summaries=[])
    except WirebriefError:
        pass


# ------------------------------------------------------------------------------------------------ documents
_html = st.recursive(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    lambda inner: st.tuples(st.sampled_from(["div", "p", "script", "li", "table", "br", "!--", "b"]), inner).map(
        lambda t: f"<{t[0]}>{t[1]}" + ("" if t[0] in ("br", "!--") else f"</{t[0]}>")
    ),
    max_leaves=40,
)
_document_bytes = st.one_of(
    st.binary(max_size=3000),
    _html.map(lambda s: s.encode("utf-8")),
    st.text(max_size=300).map(lambda s: s.encode("utf-16", errors="surrogatepass")),
    st.lists(st.text(max_size=30), max_size=20).map(lambda rows: "\n".join(rows).encode("utf-8", "surrogatepass")),
)


@given(
    name=st.sampled_from(["d.txt", "d.md", "d.html", "d.htm", "d.docx", "d.csv", "d.jsonl", "d.exe"]),
    data=_document_bytes,
)
@settings(BOUNDED, max_examples=100)
def test_any_uploaded_file_is_read_or_refused_in_words(generated_runtime, name, data):
    from service.batch.inputs import iter_uploads
    from service.dispatch_files import read_dispatch_file

    settings_ = generated_runtime.settings
    try:
        if name.endswith((".csv", ".jsonl")):
            list(iter_uploads([(name, data)], settings_, None))
        else:
            read_dispatch_file(settings_, name, data, generated_runtime)
    except WirebriefError:
        pass


# ------------------------------------------------------------------------------------------------ fact checks
_number = st.one_of(
    st.integers(-10**6, 10**9).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.2f}".replace(".", ",")),
    st.sampled_from(["0", "zéro", "un", "deux", "dix", "mille", "1 000", "10,5", "3/4", "0,0"]),
)
_unit = st.sampled_from(["", " %", " millions d'euros", " milliards", " €", " dollars", " km", " ans", " heures"])
_joiner = st.sampled_from([" à ", " et ", " de ", " sur ", " - ", " entre ", " passera de ", ", "])
_fr_fact = st.tuples(_number, _unit, _joiner, _number, _unit).map("".join)
_en_fact = st.tuples(_number, st.sampled_from(["", "%", " million euros", " billion", " km"])).map("".join)


@given(
    source=st.lists(_fr_fact, min_size=1, max_size=4).map(lambda xs: "Le budget " + " puis ".join(xs) + "."),
    translation=st.lists(_en_fact, min_size=0, max_size=4).map(lambda xs: "The budget " + " then ".join(xs) + "."),
)
@settings(BOUNDED, max_examples=100)
def test_fact_checks_on_a_request_never_fail_it(generated_runtime, source, translation):
    """Number-heavy sentences (ranges ending in zero, fractions, negative and huge values) through the fact-check
    stage of a request: a Result comes back; a checker failure is a warning on it, never an exception."""
    from service.result import LanguageInfo, Paragraph, Result, Sentence

    result = Result(
        language=LanguageInfo(code="fr", name="French", confidence=1.0, given=True),
        translated=True,
        paragraphs=[Paragraph(index=0, sentences=[Sentence(index=0, source=source, translation=translation)])],
    )
    generated_runtime.pipeline._check_facts(result)
    assert result.facts is not None or any(w.code == "facts.failed" for w in result.warnings)
