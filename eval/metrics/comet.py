"""COMET (neural, reference-based) when ``unbabel-comet`` and its checkpoint are on this machine.

The harness never installs the package nor downloads the checkpoint: it loads ``settings.comet_model`` — a local
``.ckpt``, a model directory holding ``checkpoints/model.ckpt``, or a hub id already in the offline Hugging Face
cache. Otherwise ``MetricUnavailable`` says exactly what is missing, and the other metrics are still reported.
"""

from __future__ import annotations

import importlib.util
from importlib.metadata import version
from pathlib import Path

from eval.metrics import MetricScore, MetricUnavailable

KEYS = ("comet",)
TASKS = ("translation",)


def _checkpoint(ref: str) -> Path:
    path = Path(ref).expanduser()
    if path.is_file():
        return path
    if path.is_dir() and (path / "checkpoints" / "model.ckpt").is_file():
        return path / "checkpoints" / "model.ckpt"
    if "/" in ref and not path.exists():
        try:
            from huggingface_hub import snapshot_download

            local = Path(snapshot_download(ref, local_files_only=True))
        except Exception as exc:  # noqa: BLE001 - any failure means "not in the offline cache"
            raise MetricUnavailable(
                f"COMET skipped: checkpoint {ref!r} is not in the offline Hugging Face cache ({type(exc).__name__}). "
                f"Fetch it on a connected machine (`huggingface-cli download {ref}`) or set WIREBRIEF_COMET_MODEL "
                "to a local checkpoint."
            ) from None
        ckpt = local / "checkpoints" / "model.ckpt"
        if ckpt.is_file():
            return ckpt
    raise MetricUnavailable(f"COMET skipped: no checkpoint at {ref!r} (set WIREBRIEF_COMET_MODEL).")


def compute(hyps, refs, srcs=None, *, segments: bool = False) -> dict[str, MetricScore]:
    if importlib.util.find_spec("comet") is None:
        raise MetricUnavailable(
            "COMET skipped: the `unbabel-comet` package is not installed (it is optional; install it and a "
            "checkpoint to get COMET scores)."
        )
    if srcs is None:
        raise MetricUnavailable("COMET skipped: it needs the source sentences (--src FILE).")
    from service.settings import get_settings

    ref = get_settings().comet_model
    ckpt = _checkpoint(ref)
    from comet import load_from_checkpoint  # type: ignore[import-not-found]

    model = load_from_checkpoint(str(ckpt))
    data = [{"src": s, "mt": h, "ref": r} for s, h, r in zip(srcs, hyps, refs)]
    out = model.predict(data, batch_size=16, gpus=0, progress_bar=False)
    sig = f"nrefs:1|model:{ref}|version:unbabel-comet-{version('unbabel-comet')}"
    seg = [float(x) for x in out.scores] if segments else None
    return {"comet": MetricScore("comet", float(out.system_score), sig, seg, sig if segments else None)}
