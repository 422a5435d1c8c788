"""How long a name's English rendering is, in the model's own tokens, against the French name: the evidence for the
fact checks' name-renderer cap (``TranslationStack.name_renderer``: greedy, ``NAME_TOKENS_RATIO`` × the name's
tokens + ``NAME_TOKENS_OFFSET``). Pairs: CLDR territory and language names (Babel, French → English) and the
gazetteer's French → English forms that name (not descriptions such as "care homes", not an acronym's expansion)
— 2,828 pairs.

    python -m eval.name_caps MODEL_DIR

prints the share of pairs whose English form (its tokens, end token included) fits the cap, the mean cap (what a
name costs in decoding steps) and the pairs that do not fit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import typer
import yaml


def name_pairs() -> list[tuple[str, str]]:
    """(French name, English form) from CLDR (Babel) and ``service/facts/gazetteer.yaml``."""
    from babel import Locale

    from service.facts.gazetteer import GAZETTEER_PATH

    fr, en = Locale("fr"), Locale("en")
    pairs = [(getattr(fr, kind)[code], name) for kind in ("territories", "languages")
             for code, name in getattr(en, kind).items() if code in getattr(fr, kind)]

    def walk(node) -> None:
        for french, forms in node.items() if isinstance(node, dict) else ():
            if isinstance(forms, str):
                pairs.append((french, forms))
            elif isinstance(forms, list):
                pairs.extend((french, f) for f in forms if isinstance(f, str))
            elif isinstance(forms, dict):
                english = forms.get("en")
                if isinstance(english, (str, list)):
                    pairs.extend((french, f) for f in ([english] if isinstance(english, str) else english)
                                 if isinstance(f, str))
                else:
                    walk(forms)

    walk(yaml.safe_load(GAZETTEER_PATH.read_text(encoding="utf-8")))
    # The renderer translates a name alone: a description ("care homes" for "Ehpad", "the prime minister's office")
    # or an acronym's expansion ("Olympique de Marseille" for "OM") is another way of naming, matched elsewhere
    # (gazetteer, expansion), and no rendering a model gives of the name alone.
    return [(f, e) for f, e in pairs if e[:1].isupper() and not (_acronym(f) and " " in e)]


def _acronym(name: str) -> bool:
    return re.fullmatch(r"[A-Z][A-Za-z.]{1,6}", name) is not None and sum(c.isupper() for c in name) >= 2


def cap(tokens: int, ratio: float, offset: int) -> int:
    """The name renderer's own cap rule (``DecodingConfig.new_token_cap``, no length bucket) at this ratio and offset."""
    from service.translate.decoding import DecodingConfig

    return DecodingConfig(new_tokens_ratio=ratio, new_tokens_offset=offset, length_bucket=1).new_token_cap(tokens)


def coverage(count_source, count_target, ratio: float, offset: int, pairs: list[tuple[str, str]] | None = None) -> dict:
    """``count_source`` / ``count_target``: a name's tokens (end token included) on each side of the model."""
    pairs = pairs if pairs is not None else name_pairs()
    caps, misses = [], []
    for french, english in pairs:
        limit = cap(count_source(french), ratio, offset)
        caps.append(limit)
        if count_target(english) > limit:
            misses.append((french, english))
    return {"pairs": len(pairs), "fits": 1 - len(misses) / len(pairs), "mean_cap": sum(caps) / len(caps),
            "misses": misses}


def token_counters(model_dir: Path) -> tuple[Callable[[str], int], Callable[[str], int]]:
    """(French name → its tokens as the renderer feeds it to the model, the model's input normalization applied;
    English form → its target tokens), end tokens included."""
    from types import SimpleNamespace

    from transformers import AutoConfig, AutoTokenizer

    from service.text.model_input import input_normalizer_for

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    # the translator's own rule, on the directory's config (no registry spec: French, as the renderer's route)
    normalize = input_normalizer_for(SimpleNamespace(config=AutoConfig.from_pretrained(str(model_dir)), spec=None))

    def source(text: str) -> int:
        return len(tok(normalize(text))["input_ids"])

    def target(text: str) -> int:
        return len(tok(text_target=text)["input_ids"])

    return source, target


def main(model_dir: Path, ratio: float = typer.Option(None), offset: int = typer.Option(None)) -> None:
    from service.pipeline.stack import NAME_TOKENS_OFFSET, NAME_TOKENS_RATIO

    ratio = NAME_TOKENS_RATIO if ratio is None else ratio
    offset = NAME_TOKENS_OFFSET if offset is None else offset
    got = coverage(*token_counters(model_dir), ratio, offset)
    print(f"{ratio} × tokens + {offset}: {got['fits']:.2%} of {got['pairs']} pairs fit, mean cap {got['mean_cap']:.1f}")
    for french, english in got["misses"]:
        print(f"  over: {french} → {english}")


if __name__ == "__main__":
    typer.run(main)
