"""Run by the bench in a subprocess (``python -m eval.bench.app_server``): the real app (``service.api.create_app``,
REST + Gradio) under uvicorn on 127.0.0.1, with the settings from the environment (WIREBRIEF_*) — exactly what
``python -m service serve`` starts — except that translations are forced to ``--forced-new-tokens`` new tokens, so
random-weight models do the same work per sentence as in the in-process rows (0: the model's own caps), or to
``--forced-ratio`` × their source tokens, and summaries to ``--summary-tokens`` (realistic lengths) — and
one bench-only route, ``GET /bench/generated-tokens``: the translators' generated-token counter, which the
headline's HTTP row reads before and after each request for an exact token count."""

from __future__ import annotations

import argparse
import sys


def add_token_counter(app, runtime) -> None:
    """``GET /bench/generated-tokens`` → ``{"generated_tokens": n}``: the sum of the loaded translation stacks'
    counters (``HFTranslator.generated_tokens``), placed ahead of the UI mounted at /."""
    from .whole import TOKENS_PATH

    def generated_tokens() -> dict[str, int]:
        bases = {id(stack.base): stack.base for stack in runtime.pipeline.stacks.values() if stack.base is not None}
        return {"generated_tokens": sum(base.generated_tokens for base in bases.values())}

    app.add_api_route(TOKENS_PATH, generated_tokens, methods=["GET"], include_in_schema=False)
    app.router.routes.insert(0, app.router.routes.pop())


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forced-new-tokens", type=int, default=40)
    parser.add_argument("--forced-ratio", type=float, default=0.0,
                        help="translations forced to this × source tokens (a dispatch's reference ratio); 0: off")
    parser.add_argument("--summary-tokens", type=int, default=0,
                        help="every summary generation forced to this many new tokens (what the real model writes); 0: off")
    args = parser.parse_args(argv)

    import uvicorn

    from service.api import create_app
    from service.pipeline import Pipeline
    from service.runtime import Runtime
    from service.settings import get_settings
    from service.translate.decoding import DecodingConfig

    settings = get_settings()
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("the bench serves on loopback only")

    def factory(s):
        decoding = DecodingConfig(**{**DecodingConfig.from_settings(s).signature(),
                                     "forced_new_tokens": args.forced_new_tokens, "forced_ratio": args.forced_ratio})
        pipeline = Pipeline.from_settings(s, decoding=decoding)
        summarizer = pipeline.summarizer
        if args.summary_tokens and hasattr(summarizer, "decoding"):
            summarizer.decoding = summarizer.decoding.replace(forced_new_tokens=args.summary_tokens)
        return pipeline

    runtime = Runtime(settings, pipeline_factory=factory)
    app = create_app(settings, runtime=runtime)
    add_token_counter(app, runtime)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
