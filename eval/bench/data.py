"""Benchmark inputs: news-length French sentences and a ~600-word dispatch, from newstest2013 (under the settings'
data_root) or, when it is absent, from the bundled tiny corpus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.tiny import corpus

NEWSTEST = "newstest2013-fr-en/newstest2013"
DATELINE = "PARIS, 12 mars 2013 (AFP) - "


@dataclass
class BenchData:
    source: str
    """Where the text came from (file path or 'tiny corpus')."""
    fr_lines: list[str]
    en_lines: list[str]

    def news_sentences(self, n: int = 16, min_words: int = 18, max_words: int = 35, skip: int = 0) -> list[str]:
        """``n`` distinct sentences of news length (min..max words), in file order, after ``skip`` of them."""
        distinct = list(dict.fromkeys(self.fr_lines))
        chosen = [s for s in distinct if min_words <= len(s.split()) <= max_words][skip : skip + n]
        if len(chosen) < n:  # a small corpus (the tiny fallback): take any length
            chosen = distinct[skip : skip + n]
        while len(chosen) < n and chosen:  # and repeat rather than fail (the report gives the count)
            chosen += chosen[: n - len(chosen)]
        return chosen

    def _dispatch_lines(self, start: int) -> list[int]:
        start = min(start, len(self.fr_lines))
        order = list(range(start, len(self.fr_lines))) + list(range(start))
        return [i for i in order if self.fr_lines[i].rstrip().endswith((".", "?", "!", '"', "»"))]

    def reference(self, words: int = 600, start: int = 40) -> list[str]:
        """The human reference translation of ``dispatch()``'s sentences (newstest2013 is sentence-aligned): the
        realistic English a summarizer gets once the dispatch is translated."""
        out, count = [], 0
        for i in self._dispatch_lines(start):
            if count >= words:
                break
            if i < len(self.en_lines):
                out.append(self.en_lines[i])
            count += len(self.fr_lines[i].split())
        return out

    def dispatch(self, words: int = 600, per_paragraph: int = 3, start: int = 40) -> str:
        """A dispatch of about ``words`` words: consecutive full sentences (headline-like lines without final
        punctuation skipped), ``per_paragraph`` sentences per paragraph, an AFP dateline first."""
        sentences = [self.fr_lines[i] for i in self._dispatch_lines(start)]
        paragraphs: list[list[str]] = [[]]
        count = 0
        for sentence in sentences:
            if count >= words:
                break
            if len(paragraphs[-1]) == per_paragraph:
                paragraphs.append([])
            paragraphs[-1].append(sentence)
            count += len(sentence.split())
        paragraphs[0][0] = DATELINE + paragraphs[0][0]
        return "\n\n".join(" ".join(p) for p in paragraphs)

    def output_ratio(self, tokenizer, words: int = 600, start: int = 40) -> float | None:
        """Tokens of the human reference translation over tokens of the French source, for ``dispatch()``'s
        sentences, with the translation model's own tokenizer: how long a real translation of this dispatch is
        (None when the reference is missing or not aligned). The bench forces random-weight translations to this
        ratio of each sentence's source length."""
        pairs = []
        for i in self._dispatch_lines(start):
            if sum(len(fr.split()) for fr, _ in pairs) >= words:
                break
            if i >= len(self.en_lines):
                return None
            pairs.append((self.fr_lines[i], self.en_lines[i]))
        source = sum(len(tokenizer(fr)["input_ids"]) for fr, _ in pairs)
        target = sum(len(tokenizer(text_target=en)["input_ids"]) for _, en in pairs)
        return target / source if source and target else None

    def pool(self, n: int, skip: int = 200) -> list[str]:
        """``n`` distinct full sentences for load tests (each request its own sentences, so no cache hits), from
        line ``skip`` on. A small corpus (the tiny fallback) is stretched with numbered copies."""
        lines = self.fr_lines[skip % len(self.fr_lines) :] + self.fr_lines[: skip % len(self.fr_lines)]
        out = [s for s in dict.fromkeys(lines) if 8 <= len(s.split()) <= 40][:n]
        base, k = list(out), 2
        while len(out) < n and base:
            out += [f"{s} ({k})" for s in base][: n - len(out)]
            k += 1
        return out


def load_data(data_root: Path | None) -> BenchData:
    if data_root is not None:
        fr, en = Path(data_root) / f"{NEWSTEST}.fr", Path(data_root) / f"{NEWSTEST}.en"
        if fr.exists() and en.exists():
            return BenchData(
                source=str(fr),
                fr_lines=[l.strip() for l in fr.read_text(encoding="utf-8").splitlines() if l.strip()],
                en_lines=[l.strip() for l in en.read_text(encoding="utf-8").splitlines() if l.strip()],
            )
    return BenchData(source="tiny corpus (models/tiny_corpus)", fr_lines=corpus("fr"), en_lines=corpus("en"))
