"""Worked examples in the notes: a text, and on the next line its encoding as a row of numbers.

NLP notes show how text becomes numbers by example: "I love dogs and dogs love snacks." and under
it "[1 2 3 4 3 2 5]". A reader trained on Wikipedia prose never answers with a row of numbers:
"How is the sentence 'I love dogs and dogs love snacks' represented?" read "Let us make a
representation" (confidence 0.92), and a question quoting the numbers ("What does the sequence
[1 2 3 4 3 2 5] stand for?") has nothing it can read. So the pair is looked up directly:

- asked for a representation, encoding, sequence, vector or ids of a text the notes encode (the
  question shares a content word with the text: "the dogs sentence"), the answer is the numbers;
- asked about the numbers themselves, the answer is the text they encode.

The tutor gives such an answer only when the sentence detector vouches for the pair (the
question's similarity to the example, see ``knowledge.tutor``), else the reader reads as usual.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from models.content_words import stems
from models.reading_view import ReadingView

_NUMBER = r"-?\d+(?:\.\d+)?"
# A row of three or more numbers, bracketed or not, apart by spaces or commas: "[1 2 3 4 3 2 5]".
CODE = re.compile(rf"[\[(]?[ \t]*{_NUMBER}(?:[ \t]*[,;]?[ \t]+{_NUMBER}|[ \t]*,[ \t]*{_NUMBER}){{2,}}[ \t]*[\])]?")
_ASKS_FOR_A_CODE = re.compile(
    r"\b(?:represent\w*|encod\w*|sequences?|vectors?|ind(?:ex|ices)|ids?|numbers?|numeric|digits?)\b", re.IGNORECASE
)
_LEAD_IN = re.compile(r"^[^:]{1,80}:[ \t]+")  # "Let us make a representation: " before the example


@dataclass(frozen=True)
class WorkedExample:
    """One text and its encoding in a reading view (view offsets)."""

    text: tuple[int, int]  # the text encoded, without a lead-in or its closing mark
    code: tuple[int, int]  # the numbers, brackets included
    block: tuple[int, int]  # both sentences, as the answer shows them (the numbers' sentence begins at ``code``)


def may_ask_about_an_example(question: str) -> bool:
    """Whether ``question`` could ask about a worked example at all (a cheap test before the views)."""
    return bool(CODE.search(question) or _ASKS_FOR_A_CODE.search(question))


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(re.findall(_NUMBER, text))


def worked_examples(view: ReadingView) -> list[WorkedExample]:
    """Every sentence of ``view`` that is only a row of numbers, with the sentence before it."""
    found = []
    sentences = view.sentences
    for (t_start, t_end), (c_start, c_end) in itertools.pairwise(sentences):
        code = view.text[c_start:c_end].rstrip(". \t")
        if not CODE.fullmatch(code) or CODE.fullmatch(view.text[t_start:t_end].rstrip(". \t")):
            continue
        text = view.text[t_start:t_end]
        lead = _LEAD_IN.match(text)
        start = t_start + (lead.end() if lead else 0)
        end = t_start + len(text.rstrip(".!? \t"))
        if end - start < 3:
            continue
        found.append(WorkedExample((start, end), (c_start, c_start + len(code)), (t_start, c_end)))
    return found


@dataclass(frozen=True)
class ExampleAsked:
    example: WorkedExample
    answer: tuple[int, int]  # the view span that answers: the numbers, or the text they encode
    quoted: bool  # the question quotes the example's numbers (the text is the answer)


def example_asked(question: str, view: ReadingView) -> ExampleAsked | None:
    """The worked example ``question`` asks about and the view span that answers it, if any.

    A question that quotes an example's numbers gets the text; one that asks for an encoding gets
    the numbers of the example whose text shares the most content words with it (at least one).
    """
    examples = worked_examples(view)
    if not examples:
        return None
    quoted = CODE.search(question)
    if quoted is not None:
        numbers = _numbers(quoted.group())
        for example in examples:
            if _numbers(view.text[slice(*example.code)]) == numbers:
                return ExampleAsked(example, example.text, quoted=True)
        return None
    if not _ASKS_FOR_A_CODE.search(question):
        return None
    asked = stems(_ASKS_FOR_A_CODE.sub(" ", question))
    shared = [len(asked & stems(view.text[slice(*e.text)])) for e in examples]
    best = max(range(len(examples)), key=shared.__getitem__)
    return ExampleAsked(examples[best], examples[best].code, quoted=False) if shared[best] else None
