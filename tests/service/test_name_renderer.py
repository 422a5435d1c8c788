"""The fact checks' name renderings ("Sainte-Croix" → "Holy Cross") are decoded as names, not as sentences: greedy,
capped at about a name's length — with the sentence decoding they cost as much as a paragraph after the last one
(eval bench headline, issue 19)."""

import math


def test_names_are_rendered_greedily_within_a_names_length(pipeline):
    stack = pipeline.stacks["fr"]
    names = ["Sainte-Croix", "Jens Stoltenberg", "Organisation du traité de l'Atlantique nord"]
    renderer = stack.name_renderer()
    assert renderer.decoding.num_beams == 1 and stack.base.decoding.num_beams > 1
    caps = [renderer.decoding.new_token_cap(renderer.count_tokens(n)) for n in names]
    for name, cap in zip(names, caps):
        tokens = renderer.count_tokens(name)
        assert cap == min(math.ceil((1.5 * tokens + 4) / 8) * 8, renderer.decoding.max_new_tokens)
        assert cap <= stack.base.decoding.new_token_cap(tokens)
    assert caps[0] < stack.base.decoding.new_token_cap(renderer.count_tokens(names[0]))

    sentence_tokens = stack.base.generated_tokens
    pipeline.name_translator.clear()
    pipeline.name_translator.prefetch(names)
    # asked through the name renderer, not the sentence decoder; random weights run each name to its (short) cap
    assert stack.base.generated_tokens == sentence_tokens
    assert all(pipeline.name_translator(n) is not None for n in names)
    pipeline.name_translator.clear()
