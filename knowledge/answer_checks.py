"""Whether a reader's span is an answer of the kind asked, beyond being the reader's best span.

The reader proposes; these checks, each in its own module under ``models/``, can only veto. A
vetoed span is declined (with the closest passage), never replaced by the next span: the next one
was another number of the same facts or a neighbour of the same list.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from models.answer_types import (
    count_unit,
    counted_words,
    expands_what_was_asked,
    gives_a_length,
    holds_a_number,
    measured_words,
)
from models.asked_kind import names_another_kind
from models.content_words import stems
from models.definitions import defines_what_was_asked
from models.list_items import asks_what_the_notes_ask
from models.reader import ReaderSpan

UNIT_SIMILARITY = 0.3  # a count's unit this unlike what the question counts is another quantity


class AnswerChecks:
    """The vetoes of ``Tutor.ask``; ``vectors_of`` embeds short texts (the tutor's cached embedder)."""

    def __init__(self, vectors_of: Callable[[list[str]], np.ndarray]) -> None:
        self.vectors_of = vectors_of

    def can_answer(self, question: str, span: ReaderSpan) -> bool:
        """Whether the span is of the kind asked: a count of the asked unit, a definition, an expansion, a
        length for "how long", not a neighbour of the kind asked for, not from a list that asks the question."""
        return (
            self.counts_what_was_asked(question, span)
            and defines_what_was_asked(question, span)
            and expands_what_was_asked(question, span.text)
            and gives_a_length(question, span.text)
            and not names_another_kind(question, span)
            and not asks_what_the_notes_ask(question, span)
        )

    def counts_what_was_asked(self, question: str, span: ReaderSpan) -> bool:
        """Whether a "how many N" answer counts N: "340M parameters" does not answer "How many layers?".

        The reader makes a count's answer a number, but any number: a lecture's facts about one
        quantity answered questions about others at high confidence ("How many layers does
        BERT_LARGE have?" → "340M", 0.82). A count followed by a plural (its unit: "340M" and
        "340M parameters" both count parameters) that is not in the question, while what the
        question counts is not in the sentence, is kept only if the two words are alike to the
        embedder (people / inhabitants, tons / tonnes). Of SQuAD v1.1 dev's 641 right "how many"
        answers this rejects 4 (0.6 %: "times" / "turnovers"). Such an answer is declined, not
        replaced by the next span: that was another number of the same facts or a quantifier
        ("How many layers does BERT_BASE have?" → "all", 0.37). A number answering "What is the
        vocabulary size of BERT?" is read the same way (``measured_words``): "340M" counts
        parameters, not a vocabulary (0.71 before), and so is "How large is BERT's vocabulary?"; of
        SQuAD v1.1's 399 right numbers answering "What is the … size/length/number/count/amount/
        rate/ratio/percentage of …?" or "How large/big is X's …?" (train and dev) none is rejected.
        """
        counted = [w for w in counted_words(question) if stems(w)]
        if not counted and holds_a_number(span.text):
            counted = [w for w in measured_words(question) if stems(w)]
        unit = count_unit(span.sentence, *span.answer_in_sentence) if counted else ""
        if not stems(unit) or stems(unit) & stems(question) or stems(" ".join(counted)) & stems(span.sentence):
            return True
        vectors = self.vectors_of([*counted, unit])
        return float(np.max(vectors[:-1] @ vectors[-1])) >= UNIT_SIMILARITY
