"""Quiz questions for one term: multiple choice both ways, free text and cloze.

Multiple-choice distractors are the semantically nearest other terms of the lecture (by embedding
of "term: definition"), so they are plausible rather than random.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import numpy as np

from models.qa_metrics import normalize_answer

KINDS = ("definition_to_term", "term_to_definition", "free_text", "cloze")
BLANK = "_____"


@dataclass(frozen=True)
class TermInfo:
    id: int
    lecture: str
    term: str
    definition: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class QuestionDraft:
    kind: str
    prompt: str
    options: list[str]
    answer_index: int
    reference: str  # the correct answer as shown in feedback


def nearest_terms(target: int, vectors: np.ndarray, k: int = 3) -> list[int]:
    """Indices of the ``k`` rows most similar to row ``target`` (excluding itself)."""
    sims = vectors @ vectors[target]
    sims[target] = -np.inf
    return [int(i) for i in np.argsort(-sims)[:k]]


def term_pattern(info: TermInfo) -> re.Pattern[str]:
    names = sorted({info.term, *info.aliases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE)


def cloze_sentence(info: TermInfo, sentences: list[str]) -> str | None:
    """A lecture sentence that uses the term, long enough to give context."""
    pat = term_pattern(info)
    usable = [s for s in sentences if pat.search(s) and len(s.split()) >= 6]
    return min(usable, key=len) if usable else None


def build(
    kind: str, index: int, terms: list[TermInfo], vectors: np.ndarray, sentences: list[str], rng: random.Random
) -> QuestionDraft:
    info = terms[index]
    if kind == "cloze":
        sentence = cloze_sentence(info, sentences)
        if sentence is not None:
            prompt = term_pattern(info).sub(BLANK, sentence, count=1)
            return QuestionDraft("cloze", f"Fill in the blank: {prompt}", [], -1, info.term)
        kind = "definition_to_term"
    if kind == "free_text":
        return QuestionDraft("free_text", f"In your own words: what is {info.term}?", [], -1, info.definition)
    others = nearest_terms(index, vectors, k=min(3, len(terms) - 1))
    choices = [index, *others]
    rng.shuffle(choices)
    answer = choices.index(index)
    if kind == "term_to_definition":
        options = [terms[i].definition for i in choices]
        return QuestionDraft(kind, f"Which definition fits **{info.term}**?", options, answer, info.definition)
    options = [terms[i].term for i in choices]
    return QuestionDraft("definition_to_term", f"Which term is this? {info.definition}", options, answer, info.term)


def cloze_correct(response: str, info: TermInfo) -> bool:
    given = normalize_answer(response)
    return bool(given) and given in {normalize_answer(n) for n in (info.term, *info.aliases)}
