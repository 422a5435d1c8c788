"""A memory error on a batch: the translator retries with halved batches (same outputs as without the error), and
gives up with a clear OutOfMemory (HTTP 503) only when one sentence alone does not fit."""

from __future__ import annotations

import pytest
import torch

from models.load import load
from models.registry import resolve
from service.errors import OutOfMemory
from service.translate.decoding import DecodingConfig
from service.translate.hf import HFTranslator

SENTENCES = [f"Le conseil numéro {i} a voté la mesure mardi." for i in range(8)]


@pytest.fixture(scope="module")
def translator(tiny_models):
    loaded = load(resolve(str(tiny_models["marian"]), "translation"), device="cpu")
    return HFTranslator(loaded, DecodingConfig(num_beams=1, max_new_tokens=12), token_budget=4096, max_batch_sentences=8)


def _inject_oom(translator, monkeypatch, fits: int, error):
    """Batches larger than ``fits`` sentences raise ``error`` (as an allocator would); records batch sizes."""
    real = translator._generate
    sizes: list[int] = []

    def generate(ids, max_new_tokens, max_time):
        sizes.append(len(ids))
        if len(ids) > fits:
            raise error
        return real(ids, max_new_tokens, max_time)

    monkeypatch.setattr(translator, "_generate", generate)
    return sizes


@pytest.mark.parametrize(
    "error",
    [torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB"), MemoryError(),
     RuntimeError("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: can't allocate memory: out of memory")],
    ids=["torch_oom", "memory_error", "cpu_allocator"],
)
def test_oom_halves_the_batch_and_loses_nothing(translator, monkeypatch, error):
    expected = translator.translate(SENTENCES)
    sizes = _inject_oom(translator, monkeypatch, fits=2, error=error)
    assert translator.translate(SENTENCES) == expected
    assert sizes[0] == 8 and 4 in sizes and max(s for s in sizes if s <= 2) == 2
    assert sum(s for s in sizes if s <= 2) == len(SENTENCES)  # each sentence generated once, in a batch that fit


def test_oom_on_one_sentence_is_a_clear_error(translator, monkeypatch):
    sizes = _inject_oom(translator, monkeypatch, fits=0, error=MemoryError())
    with pytest.raises(OutOfMemory) as info:
        translator.translate(SENTENCES[:3])
    assert info.value.status == 503 and info.value.code == "out_of_memory"
    assert "ran out of memory on a single sentence" in info.value.message
    assert sizes[0] == 3 and sizes[-1] == 1


def test_other_errors_are_not_retried(translator, monkeypatch):
    sizes = _inject_oom(translator, monkeypatch, fits=0, error=RuntimeError("shape mismatch"))
    with pytest.raises(RuntimeError, match="shape mismatch"):
        translator.translate(SENTENCES[:4])
    assert sizes == [4]
