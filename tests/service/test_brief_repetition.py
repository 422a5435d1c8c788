"""The brief templates' repetition penalty applies to what the model generated, never to the prompt (the dispatch
whose numbers and names a brief must copy)."""

import torch

from service.brief.generate import generated_only_repetition_penalty


def test_prompt_tokens_are_not_penalized():
    processor = generated_only_repetition_penalty(2.0, prompt_length=3)
    input_ids = torch.tensor([[5, 6, 7, 8]])  # prompt 5 6 7, generated 8
    scores = torch.ones(1, 10)
    out = processor(input_ids, scores.clone())
    assert out[0, 5] == 1.0 and out[0, 6] == 1.0 and out[0, 7] == 1.0  # the dispatch's tokens stay free
    assert out[0, 8] == 0.5  # a token the model already generated is penalized


def test_chat_generator_passes_the_generated_only_penalty(tiny_chat, monkeypatch):
    seen = {}
    real = tiny_chat.loaded.model.generate

    def spy(**kwargs):
        seen.update(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(tiny_chat.loaded.model, "generate", spy)
    messages = [{"role": "user", "content": "L'Otan a 500 soldats en Irak."}]
    tiny_chat.generate(messages, max_new_tokens=2, repetition_penalty=1.05)
    assert "repetition_penalty" not in seen  # transformers' own would penalize the prompt too
    (processor,) = seen["logits_processor"]
    assert processor.prompt_ignore_length == len(tiny_chat.prompt_ids(messages))
