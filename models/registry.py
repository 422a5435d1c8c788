"""Registry of model specs: what each model is for, where it comes from (hub id + pinned revision), its licence,
languages and input limit. Knows nothing about the service above it.

``resolve(ref)`` turns what a user writes in a setting — a registry name, a hub id or a local directory — into a
``ModelSpec``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

Task = Literal["translation", "summarization", "chat"]


@dataclass(frozen=True)
class ModelSpec:
    name: str
    task: Task
    hub_id: str | None
    revision: str | None
    licence: str
    source_languages: tuple[str, ...] = ()
    target_language: str = "en"
    max_input_tokens: int = 512
    architecture: str = ""
    local_path: str | None = None
    backend: Literal["transformers", "ctranslate2"] = "transformers"
    """The backend this model runs on by default (settings WIREBRIEF_TRANSLATION_BACKEND / SUMMARY_BACKEND = auto).
    OPUS-MT and BART-CNN models run on CTranslate2: on CPU its int8 batched beam search is the fastest path measured,
    and its int8 weights keep both models within the memory target (`python -m eval bench`)."""
    notes: str = ""
    aliases: tuple[str, ...] = field(default=(), compare=False)
    revision_source: str = field(default="", compare=False)
    """Where the pinned commit was confirmed (public material that names it); required for registered entries."""

    @property
    def display_id(self) -> str:
        return self.local_path or f"{self.hub_id}@{self.revision or 'main'}"


# Revisions: full commit SHAs on the Hugging Face Hub, each confirmed from public material that names that commit
# (the hub's own commit pages and histories, HF cache snapshot paths, `--revision` arguments, pinned-revision tables
# in public repositories), recorded in ``revision_source``. ``register`` refuses an entry without both, so a model
# can only join the registry pinned. (A hub id typed into a setting, ``org/name[@revision]``, may still follow
# main: ``models fetch`` then prints the commit it resolved, and every Result records the snapshot actually loaded.)
_REGISTRY: dict[str, ModelSpec] = {}
_FULL_COMMIT = re.compile(r"[0-9a-f]{40}")


def register(spec: ModelSpec) -> ModelSpec:
    if spec.name in _REGISTRY:
        raise ValueError(f"model {spec.name!r} is already registered")
    if spec.hub_id and not (spec.revision and _FULL_COMMIT.fullmatch(spec.revision) and spec.revision_source):
        raise ValueError(
            f"model {spec.name!r} must be pinned to a full 40-hex commit of {spec.hub_id} with its revision_source "
            f"(where that commit was confirmed); got revision={spec.revision!r}"
        )
    _REGISTRY[spec.name] = spec
    return spec


def _opus(
    lang: str, name: str, revision: str | None, source: str, *, licence: str = "apache-2.0", repo: str | None = None
) -> ModelSpec:
    repo = repo or f"opus-mt-{lang}-en"
    return ModelSpec(
        name=repo,
        task="translation",
        hub_id=f"Helsinki-NLP/{repo}",
        revision=revision,
        licence=licence,
        source_languages=(lang,),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes=f"{name}→English route",
        revision_source=source,
    )


register(
    ModelSpec(
        name="opus-mt-tc-big-fr-en",
        task="translation",
        hub_id="Helsinki-NLP/opus-mt-tc-big-fr-en",
        revision="5fa3b3c9fa3bcd65fbf31206c3ec7419c9d9cd7d",
        licence="cc-by-4.0",
        source_languages=("fr",),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes="Default FR→EN (transformer-big; BLEU 34.8 newstest2013, 46.0 FLORES-200 devtest).",
        aliases=("quality",),
        revision_source="the hub's own commit page huggingface.co/Helsinki-NLP/opus-mt-tc-big-fr-en/commit/<sha> "
        "(\"Update checkpoint for transformers>=4.29 (#7)\", 2023-10-10: adds model.safetensors and re-converts the "
        "weights, which the earlier commits need for transformers>=4.29) and the repo's commits/main history, which "
        "shows it as the head of main (both as indexed by the project's docs search)",
    )
)
register(
    ModelSpec(
        name="opus-mt-fr-en",
        task="translation",
        hub_id="Helsinki-NLP/opus-mt-fr-en",
        revision="b4a9a384c2ec68a224bbd2ee3fd5df0c71ca5b1b",
        licence="apache-2.0",
        source_languages=("fr",),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes="Smaller, faster FR→EN profile (transformer-base; BLEU 33.9 newstest2013).",
        aliases=("fast",),
        revision_source="HF cache snapshot paths models--Helsinki-NLP--opus-mt-fr-en/snapshots/<sha> and a "
        "`huggingface-cli download --revision` table (model_map) in public repositories",
    )
)
_MODEL_MAP = "a public `huggingface-cli download --revision` table (model_map) and an HF cache snapshot path"
_OPUS_ROUTES = [
    ("de", "German", "1a922f3b32a8e809e17a47d4b32142d8105924e5", _MODEL_MAP, {}),
    ("es", "Spanish", "c96e2c5399ebfae4fc43d9669556b9afa74bb69d",
     "the model_map table, a `ctranslate2.converters.transformers --revision` command and several pinned-model "
     "tables in public repositories", {}),
    ("it", "Italian", "42556a0848fc726f4d27399f20b19ff6f01afe11", _MODEL_MAP, {}),
    # There is no Helsinki-NLP/opus-mt-pt-en on the hub (huggingface/transformers#26382): Portuguese goes through
    # the Romance→English model.
    ("pt", "Portuguese", "c26705dd23ff67aa0019dbde41e9456c3a0900ef",
     "one HF cache snapshot path (models--Helsinki-NLP--opus-mt-roa-en/snapshots/<sha>) in a public repository",
     {"repo": "opus-mt-roa-en"}),
    ("nl", "Dutch", "48af999f2c59b10c05ca6e008dcedc07677a9b15", _MODEL_MAP, {}),
    ("ru", "Russian", "fbd6dc73284f95536648512cc21d57f19191961a", _MODEL_MAP, {}),
    # "metadata: add license" (2021-09-09): a full commit carrying config (num_beams 4), pytorch_model.bin, both
    # .spm and vocab.json; the later commits add TF weights and a generation config only.
    ("ar", "Arabic", "9c5efffe6f69dcb65d7156f40dfa27b54be34258",
     "the hub's model listing sha (lastModified 2021-09-09) in the public saranscript/huggingface-models dump "
     "(models/Helsinki-NLP/opus-mt-ar-en/infos.json), matching commit 9c5efff \"metadata: add license\" in the "
     "commit history of huggingface.co/Nextcloud-AI/opus-mt-ar-en (a duplicate of this repo with its history)",
     {}),
    # The zho-eng model card's licence is CC-BY-4.0, not Apache-2.0.
    ("zh", "Chinese", "cf109095479db38d6df799875e34039d4938aaa6",
     "HF cache snapshot paths models--Helsinki-NLP--opus-mt-zh-en/snapshots/<sha> in several public repositories",
     {"licence": "cc-by-4.0"}),
]
for _lang, _name, _rev, _source, _extra in _OPUS_ROUTES:
    register(_opus(_lang, _name, _rev, _source, **_extra))
register(
    ModelSpec(
        name="opus-mt-mul-en",
        task="translation",
        hub_id="Helsinki-NLP/opus-mt-mul-en",
        revision="bc0ba94fb12f8b8cf88bd8a925b15ccd5fb94340",
        licence="apache-2.0",
        source_languages=("*",),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes="Many-to-English fallback for languages without a dedicated route.",
        # "Update README.md" (2020-08-21), the last commit touching the PyTorch model files; later commits add TF
        # weights and language tags only.
        revision_source="the hub's model listing sha (lastModified 2020-08-21) in the public "
        "saranscript/huggingface-models dump (models/Helsinki-NLP/opus-mt-mul-en/infos.json), matching commit "
        "bc0ba94 \"Update README.md\" in the hub's commit history of this repo (huggingface.co/Helsinki-NLP/"
        "opus-mt-mul-en/commits/refs%2Fpr%2F1)",
    )
)
register(
    ModelSpec(
        name="distilbart-cnn-12-6",
        task="summarization",
        hub_id="sshleifer/distilbart-cnn-12-6",
        revision="a4f8f3ea906ed274767e9906dbaede7531d660ff",
        licence="apache-2.0",
        source_languages=("en",),
        max_input_tokens=1024,
        architecture="bart",
        backend="ctranslate2",
        notes="Default English news summarizer (CNN/DailyMail).",
        revision_source="transformers' summarization pipeline default (sshleifer/distilbart-cnn-12-6 @ a4f8f3e); the "
        "full SHA from huggingface.co/sshleifer/distilbart-cnn-12-6/tree/<sha> links and HF cache snapshot paths",
    )
)
register(
    ModelSpec(
        name="distilbart-xsum-12-6",
        task="summarization",
        hub_id="sshleifer/distilbart-xsum-12-6",
        revision="5b2e376c845c201ddc34ec0e55fd1ad9890ba5ee",
        revision_source="the hub's model listing sha (lastModified 2021-06-14) as mirrored in the public "
        "saranscript/huggingface-models dump (models/sshleifer/distilbart-xsum-12-6/infos.json)",
        licence="apache-2.0",
        source_languages=("en",),
        max_input_tokens=1024,
        architecture="bart",
        backend="ctranslate2",
        notes="Headline writer (XSum: one-sentence summaries); WIREBRIEF_HEADLINE_MODEL.",
    )
)
register(
    ModelSpec(
        name="bart-large-cnn",
        task="summarization",
        hub_id="facebook/bart-large-cnn",
        revision="37f520fa929c961707657b28798b30c003dd100b",
        licence="mit",
        source_languages=("en",),
        max_input_tokens=1024,
        architecture="bart",
        backend="ctranslate2",
        notes="Larger, slower English news summarizer.",
        revision_source="`from_pretrained(..., revision=<sha>)` calls, huggingface.co/facebook/bart-large-cnn/blob/<sha> "
        "links and HF cache snapshot paths in public repositories",
    )
)
_QWEN = [
    ("0.5B", "smallest", "7ae557604adf67be50417f59c2c2f167def9a775"),
    ("1.5B", "default for briefs", "989aa7980e4cf806f80c7fef2b1adb7bc71aa306"),
    ("3B", "best quality, slowest; non-commercial licence", "aa8e72537993ba99e69dfaafa59ed015b17504d1"),
]
for _size, _note, _rev in _QWEN:
    register(
        ModelSpec(
            name=f"qwen2.5-{_size.lower()}-instruct",
            task="chat",
            hub_id=f"Qwen/Qwen2.5-{_size}-Instruct",
            revision=_rev,
            licence="qwen-research" if _size == "3B" else "apache-2.0",
            source_languages=("en", "fr"),
            max_input_tokens=32768,
            architecture="qwen2",
            notes=f"Instruction-tuned chat model for briefs ({_note}).",
            revision_source="pinned-revision tables, `hf download --revision` commands and HF cache snapshot paths "
            "in several public repositories",
        )
    )


class UnknownModelError(LookupError):
    pass


def all_specs() -> list[ModelSpec]:
    return list(_REGISTRY.values())


def get(name: str) -> ModelSpec:
    """A registered spec by name or alias."""
    if name in _REGISTRY:
        return _REGISTRY[name]
    for spec in _REGISTRY.values():
        if name in spec.aliases:
            return spec
    raise UnknownModelError(f"no model named {name!r} in the registry; known: {', '.join(sorted(_REGISTRY))}")


def route_for(language: str) -> ModelSpec | None:
    """The registered translation route for a source language, or None."""
    for spec in _REGISTRY.values():
        if spec.task == "translation" and language in spec.source_languages:
            return spec
    return None


def resolve(ref: str, task: Task) -> ModelSpec:
    """Turn a setting's value into a spec: registry name/alias, existing local directory, or hub id."""
    try:
        spec = get(ref)
    except UnknownModelError:
        spec = None
    if spec is not None:
        if spec.task != task:
            raise UnknownModelError(f"model {ref!r} is a {spec.task} model, not a {task} model")
        return spec
    path = Path(ref).expanduser()
    if path.is_dir():
        return ModelSpec(
            name=path.name,
            task=task,
            hub_id=None,
            revision=None,
            licence="unknown (local directory)",
            local_path=str(path.resolve()),
            max_input_tokens=_max_tokens_for(task),
        )
    if "/" in ref and not ref.startswith((".", "/", "~")):
        hub_id, _, revision = ref.partition("@")
        for known in _REGISTRY.values():
            if known.hub_id == hub_id and known.task == task:
                return replace(known, revision=revision or known.revision)
        return ModelSpec(
            name=hub_id.split("/")[-1],
            task=task,
            hub_id=hub_id,
            revision=revision or None,
            licence="unknown (check the model card)",
            max_input_tokens=_max_tokens_for(task),
        )
    raise UnknownModelError(
        f"{ref!r} is neither a registered model ({', '.join(sorted(_REGISTRY))}), "
        "an existing local directory, nor a hub id of the form 'org/name[@revision]'"
    )


def _max_tokens_for(task: Task) -> int:
    return {"translation": 512, "summarization": 1024, "chat": 32768}[task]
