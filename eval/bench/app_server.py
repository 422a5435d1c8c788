"""Run by the bench in a subprocess (``python -m eval.bench.app_server``): the real app (``service.api.create_app``,
REST + Gradio) under uvicorn on 127.0.0.1, with the settings from the environment (WIREBRIEF_*) — exactly what
``python -m service serve`` starts — except that translations are forced to ``--forced-new-tokens`` new tokens, so
random-weight models do the same work per sentence as in the in-process rows."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forced-new-tokens", type=int, default=40)
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
                                     "forced_new_tokens": args.forced_new_tokens})
        return Pipeline.from_settings(s, decoding=decoding)

    app = create_app(settings, runtime=Runtime(settings, pipeline_factory=factory))
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
