"""Evaluation data: find a suite's files, read them, hash them.

Where a dataset comes from, in order:
1. an explicit root given by the caller (``--data-root``) or absolute paths in the suite;
2. ``settings.data_root`` (``WIREBRIEF_DATA_ROOT``; default ``../shared/data`` next to the project);
3. for sets that sacrebleu knows (newstest2013 = ``-t wmt13 -l fr-en``), sacrebleu's own cache, downloading
   into it when allowed (``download=True``; the CLI allows it, tests do not).
The files actually read are hashed (sha256) into the run's signature, so a run says exactly which text it scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from eval.io import read_lines, sha256


class DatasetNotFound(FileNotFoundError):
    pass


class SacrebleuRef(BaseModel):
    test_set: str = Field(description="sacrebleu test set, e.g. 'wmt13'.")
    langpair: str = Field(description="e.g. 'fr-en'.")


class DatasetSpec(BaseModel):
    name: str
    source: str = Field(description="Source file, relative to the data root (or absolute).")
    reference: str = Field(description="Reference file, relative to the data root (or absolute).")
    source_language: str = "fr"
    target_language: str = "en"
    sacrebleu: SacrebleuRef | None = Field(None, description="Fallback: the same set through sacrebleu's downloader.")
    notes: str = ""


@dataclass
class Dataset:
    spec: DatasetSpec
    sources: list[str]
    references: list[str]
    origin: str  # 'path' | 'data_root' | 'sacrebleu'
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.sources)


def _file_info(path: Path, lines: int) -> dict[str, Any]:
    return {"path": str(path), "sha256": sha256(path), "lines": lines}


def _from_paths(spec: DatasetSpec, src: Path, ref: Path, origin: str) -> Dataset:
    sources, references = read_lines(src), read_lines(ref)
    if len(sources) != len(references):
        raise ValueError(f"{spec.name}: {src} has {len(sources)} lines but {ref} has {len(references)}")
    return Dataset(
        spec,
        sources,
        references,
        origin,
        {"source": _file_info(src, len(sources)), "reference": _file_info(ref, len(references))},
    )


def sacrebleu_paths(ref: SacrebleuRef, *, download: bool) -> tuple[Path, Path] | None:
    """sacrebleu's extracted text files for a set; downloads them first when ``download`` (network needed)."""
    from sacrebleu.dataset import DATASETS

    ds = DATASETS.get(ref.test_set)
    if ds is None or ref.langpair not in ds.langpairs:
        return None
    if download:
        try:
            files = ds.get_files(ref.langpair)  # downloads + extracts when missing
        except (SystemExit, Exception):  # sacrebleu calls sys.exit(1) when a download fails
            return None
        src, ref_file = files[ds.fieldnames(ref.langpair).index("src")], ds.get_reference_files(ref.langpair)[0]
    else:
        src = ds._get_txt_file_path(ref.langpair, "src")
        ref_fields = [f for f in ds.fieldnames(ref.langpair) if f.startswith("ref")]
        ref_file = ds._get_txt_file_path(ref.langpair, ref_fields[0])
    src_p, ref_p = Path(src), Path(ref_file)
    return (src_p, ref_p) if src_p.is_file() and ref_p.is_file() else None


def locate(spec: DatasetSpec, data_root: Path | None = None, *, download: bool = False) -> tuple[Path, Path, str]:
    """(source path, reference path, origin) or ``DatasetNotFound`` naming every place that was tried."""
    tried = []
    src, ref = Path(spec.source).expanduser(), Path(spec.reference).expanduser()
    if src.is_absolute() and ref.is_absolute():
        if src.is_file() and ref.is_file():
            return src, ref, "path"
        tried.append(f"{src} + {ref}")
    else:
        if data_root is None:
            from service.settings import get_settings

            data_root = get_settings().data_root
        root = Path(data_root).expanduser()
        if (root / src).is_file() and (root / ref).is_file():
            return root / src, root / ref, "data_root"
        tried.append(f"{root / src} + {root / ref} (WIREBRIEF_DATA_ROOT / --data-root)")
    if spec.sacrebleu is not None:
        found = sacrebleu_paths(spec.sacrebleu, download=download)
        if found:
            return found[0], found[1], "sacrebleu"
        how = "cache" if not download else "downloader (offline?)"
        tried.append(f"sacrebleu -t {spec.sacrebleu.test_set} -l {spec.sacrebleu.langpair} via its {how}")
    raise DatasetNotFound(f"dataset {spec.name!r} not found; tried: " + "; ".join(tried))


def load(spec: DatasetSpec, data_root: Path | None = None, *, download: bool = False) -> Dataset:
    src, ref, origin = locate(spec, data_root, download=download)
    return _from_paths(spec, src, ref, origin)
