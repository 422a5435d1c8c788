"""A French → English word lexicon, for names a translator renders word by word ("Troie" → "Troy", "Flandre" →
"Flanders", "Sainte-Croix" → "Holy Cross", "Jardin d'été" → "Summer Garden").

The words come from FreeDict's French–English and English–French dictionaries (GPL-2+; Debian packages
``dict-freedict-fra-eng`` and ``dict-freedict-eng-fra``, about 8,500 headwords each), read in the dictd format where
those packages put them (``WIREBRIEF_FACT_LEXICON_DIR``, default ``/usr/share/dictd``). The English–French one is
read backwards ("garden → jardin" gives "jardin → garden"). No French–English word list is on the package index;
the dictionaries are read where they are installed, never copied into the project.

Without them the lexicon is empty and the checker works as before, minus this one way of finding a name: the
start-up log says so, and how to install them (``make install`` does it where it may use apt).
"""

from __future__ import annotations

import gzip
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from service.background import load_in_background

from .text import _fold, fold

log = logging.getLogger("wirebrief.facts")

DEFAULT_DIR = "/usr/share/dictd"
FRENCH_ENGLISH = "freedict-fra-eng"
ENGLISH_FRENCH = "freedict-eng-fra"
PACKAGES = "dict-freedict-fra-eng dict-freedict-eng-fra"
# A word with more renderings than this is too ambiguous to vouch for a name ("dame" → lady, queen, king…).
MAX_SENSES = 2
# Translations longer than this many words are explanations ("personne qui ne boit jamais d'alcool"), not renderings.
MAX_TRANSLATION_WORDS = 3

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@dataclass(frozen=True)
class Lexicon:
    """Folded French word or phrase → folded English renderings, and where they came from."""

    fr2en: dict[str, frozenset[str]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # "freedict-fra-eng 0.4.1", one per dictionary read

    def translations(self, word: str) -> frozenset[str]:
        """The English renderings of a French word, tried as written, then without a plural ending ("Flandres" →
        "Flanders"); none for a word of more than ``MAX_SENSES`` renderings. Other endings are not stripped: "Seine"
        is no "sein", "Loire" no "loir"."""
        f = fold(word)
        found = self.fr2en.get(f) or (self.fr2en.get(f[:-1], frozenset()) if f.endswith(("s", "x")) else frozenset())
        # a word with many senses ("dame": lady, queen, king at draughts…) renders nothing reliably
        return found if len(found) <= MAX_SENSES else frozenset()

    def signature(self) -> str:
        """What a score computed with this lexicon was computed with (printed beside the fact checker's figures)."""
        return " + ".join(self.sources) if self.sources else "none"

    def __len__(self) -> int:
        return len(self.fr2en)


def _number(code: str) -> int:
    n = 0
    for c in code:
        n = n * 64 + _B64.index(c)
    return n


def read_dictd(index: Path, data: Path) -> tuple[str, list[tuple[str, list[str]]]]:
    """A dictd dictionary: its short description ("French-English FreeDict Dictionary ver. 0.4.1") and its
    (headword, translations) entries. ``index`` lines are "headword TAB offset TAB length" in base 64, ``data`` the
    gzip-compressed (dictzip) entries; an entry is the headword line ("jardin /ʒaʀdɛ̃/ <n, masc>") then one line per
    sense ("1. croiser", "that, that one"). The database's own notes ("00-database-…") are not entries."""
    body = gzip.decompress(data.read_bytes())
    short, entries = "", []
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        start, length = _number(parts[1]), _number(parts[2])
        lines = body[start : start + length].decode("utf-8", errors="replace").splitlines()
        if parts[0] == "00databaseshort":
            short = lines[0].strip() if lines else ""
        if not lines or parts[0].startswith("00database"):
            continue
        head = re.split(r"\s+/|\s+<", lines[0], maxsplit=1)[0].strip()
        senses = [re.sub(r"^\d+\.\s*", "", s).strip() for s in lines[1:] if s.strip()]
        translations = [t.strip().replace("\u2010", "-") for s in senses for t in s.split(",") if t.strip()]
        if head and translations:
            entries.append((head.replace("\u2010", "-"), translations))
    return short, entries


_read_lock = threading.Lock()
_loaded: dict[str, Lexicon] = {}


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """The lexicon from ``directory`` (default: the WIREBRIEF_FACT_LEXICON_DIR setting), read once per process and
    folder; never raises. Missing or damaged dictionaries give an empty lexicon and a warning naming the packages."""
    folder = str(directory or _setting_dir())
    found = _loaded.get(folder)  # the checks ask for every name: no lock once read
    if found is not None:
        return found
    with _read_lock:
        if folder not in _loaded:
            _loaded[folder] = _read(folder)
        return _loaded[folder]


def _read(directory: str) -> Lexicon:
    folder = Path(directory)
    table: dict[str, set[str]] = {}
    sources = []
    for name, backwards in ((FRENCH_ENGLISH, False), (ENGLISH_FRENCH, True)):
        index, data = folder / f"{name}.index", folder / f"{name}.dict.dz"
        try:
            if not (index.is_file() and data.is_file()):
                continue
            short, entries = read_dictd(index, data)
        except Exception as exc:  # unreadable, damaged (zlib.error, bad index): the lexicon is lost, never the app
            log.warning("could not read the word lexicon %s: %s", data, exc)
            continue
        for head, translations in entries:
            for t in translations:
                if len(t.split()) > MAX_TRANSLATION_WORDS:
                    continue
                fr, en = (t, head) if backwards else (head, t)
                # the uncached fold: 17,000 one-off words must not push the checker's hot words out of fold's memo
                table.setdefault(_fold(fr), set()).add(_fold(en))
        version = re.search(r"ver\.\s*([\w.]+)", short)
        sources.append(f"{name} {version.group(1)}" if version else name)
    if not sources:
        log.warning(
            "no French-English word lexicon in %s: names a translator renders word by word (Troie → Troy) are "
            "reported as missing. Install it with: apt-get install %s (or point WIREBRIEF_FACT_LEXICON_DIR at a "
            "folder with FreeDict's fra-eng and eng-fra dictd files)", folder, PACKAGES)
    return Lexicon({k: frozenset(v) for k, v in table.items()}, tuple(sources))


def preload_lexicon(directory: str | None = None) -> threading.Thread:
    """Read the lexicon in a background thread at start-up (about half a second of parsing), beside the model
    loading; a later ``load_lexicon()`` with the same folder returns it."""
    return load_in_background(lambda: load_lexicon(directory), "wirebrief-load-lexicon", "the word lexicon", log)


def _setting_dir() -> str:
    try:
        from service.settings import get_settings

        return str(get_settings().fact_lexicon_dir or DEFAULT_DIR)
    except Exception:
        return DEFAULT_DIR
