"""Shared pieces of the brief tests: the tiny chat model loaded through the production loader, a generator that
answers with hand-written text (so parsing, limits and checks are tested on known answers), and a dispatch."""

from __future__ import annotations

from service.brief.generate import ChatGenerator, Generation

DISPATCH_EN = (
    "BRUSSELS: US allies agreed on Friday to strengthen NATO's mission in Iraq, at a meeting of their defence "
    "ministers in Brussels.\n\n"
    '"The security situation in Iraq remains worrying, but NATO is ready to strengthen and expand its training '
    'mission," said NATO secretary general Jens Stoltenberg.\n\n'
    "NATO currently has 500 personnel in Iraq. The planning will be discussed at the next meeting of defence "
    "ministers in February 2021.\n\n"
    "The Resolute Support mission in Afghanistan has 12,000 personnel."
)

GOOD_BRIEF = """HEADLINE: NATO allies agree to strengthen the alliance's training mission in Iraq
DATELINE: BRUSSELS
BULLET: US allies agreed on Friday to strengthen NATO's mission in Iraq.
BULLET: NATO currently has 500 personnel in Iraq.
BULLET: The Resolute Support mission in Afghanistan has 12,000 personnel.
QUOTE: "The security situation in Iraq remains worrying, but NATO is ready to strengthen and expand its training mission"
SAID BY: NATO secretary general Jens Stoltenberg
NEXT: The planning will be discussed at the next meeting of defence ministers in February 2021."""


class ScriptedGenerator:
    """Renders prompts with a real tokenizer's chat template (via ``ChatGenerator``) but answers with the given
    texts in turn, recording the messages of every call."""

    def __init__(self, chat: ChatGenerator, answers: list[str]):
        self.chat = chat
        self.answers = list(answers)
        self.calls: list[list[dict[str, str]]] = []

    @property
    def reserved(self):
        return self.chat.reserved

    def prompt_text(self, messages):
        return self.chat.prompt_text(messages)

    def generate(self, messages, *, max_new_tokens, deadline=None, **decoding):
        self.calls.append([dict(m) for m in messages])
        text = self.answers.pop(0)
        return Generation(text=text, prompt_tokens=len(self.chat.prompt_ids(messages)), new_tokens=len(text.split()),
                          seconds=0.0, finished=True)

    def models_used(self):
        return self.chat.models_used()
