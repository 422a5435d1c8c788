"""Registry of model specs: what each model is for, where it comes from (hub id + pinned revision), its licence,
languages and input limit. Knows nothing about the service above it.

``resolve(ref)`` turns what a user writes in a setting — a registry name, a hub id or a local directory — into a
``ModelSpec``.
"""

from __future__ import annotations

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

    @property
    def display_id(self) -> str:
        return self.local_path or f"{self.hub_id}@{self.revision or 'main'}"


# Revisions: full commit SHAs on the Hugging Face Hub, taken from public pins of these repos. Where no full SHA
# could be confirmed from here (no hub access), the revision is None: fetch then follows the repo's default branch
# and prints the commit it resolved, which belongs in this table (`python -m models fetch` says so).
_REGISTRY: dict[str, ModelSpec] = {}


def register(spec: ModelSpec) -> ModelSpec:
    if spec.name in _REGISTRY:
        raise ValueError(f"model {spec.name!r} is already registered")
    _REGISTRY[spec.name] = spec
    return spec


def _opus(lang: str, name: str, revision: str | None = None, *, licence: str = "apache-2.0") -> ModelSpec:
    return ModelSpec(
        name=f"opus-mt-{lang}-en",
        task="translation",
        hub_id=f"Helsinki-NLP/opus-mt-{lang}-en",
        revision=revision,
        licence=licence,
        source_languages=(lang,),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes=f"{name}→English route",
    )


register(
    ModelSpec(
        name="opus-mt-tc-big-fr-en",
        task="translation",
        hub_id="Helsinki-NLP/opus-mt-tc-big-fr-en",
        revision=None,
        licence="cc-by-4.0",
        source_languages=("fr",),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes="Default FR→EN (transformer-big; BLEU 34.8 newstest2013, 46.0 FLORES-200 devtest).",
        aliases=("quality",),
    )
)
register(
    ModelSpec(
        name="opus-mt-fr-en",
        task="translation",
        hub_id="Helsinki-NLP/opus-mt-fr-en",
        revision=None,
        licence="apache-2.0",
        source_languages=("fr",),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes="Smaller, faster FR→EN profile (transformer-base; BLEU 33.9 newstest2013).",
        aliases=("fast",),
    )
)
_KNOWN_OPUS_REVISIONS = {"zh": "cf109095479db38d6df799875e34039d4938aaa6"}
for _lang, _name in [
    ("de", "German"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
    ("ru", "Russian"),
    ("ar", "Arabic"),
    ("zh", "Chinese"),
]:
    register(_opus(_lang, _name, _KNOWN_OPUS_REVISIONS.get(_lang)))
register(
    ModelSpec(
        name="opus-mt-mul-en",
        task="translation",
        hub_id="Helsinki-NLP/opus-mt-mul-en",
        revision=None,
        licence="apache-2.0",
        source_languages=("*",),
        max_input_tokens=512,
        architecture="marian",
        backend="ctranslate2",
        notes="Many-to-English fallback for languages without a dedicated route.",
    )
)
register(
    ModelSpec(
        name="distilbart-cnn-12-6",
        task="summarization",
        hub_id="sshleifer/distilbart-cnn-12-6",
        # The commit transformers' own summarization pipeline pinned as its default.
        revision="a4f8f3ea906ed274767e9906dbaede7531d660ff",
        licence="apache-2.0",
        source_languages=("en",),
        max_input_tokens=1024,
        architecture="bart",
        backend="ctranslate2",
        notes="Default English news summarizer (CNN/DailyMail).",
    )
)
register(
    ModelSpec(
        name="distilbart-xsum-12-6",
        task="summarization",
        hub_id="sshleifer/distilbart-xsum-12-6",
        # The "sha" of the hub's model listing (lastModified 2021-06-14), as mirrored in the public
        # saranscript/huggingface-models dump (models/sshleifer/distilbart-xsum-12-6/infos.json).
        revision="5b2e376c845c201ddc34ec0e55fd1ad9890ba5ee",
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
