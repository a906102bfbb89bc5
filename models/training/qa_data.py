"""QA training data: loading SQuAD-style files, building "no answer" examples, tokenising features."""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class QAExample:
    id: str
    title: str
    context: str
    question: str
    answers: tuple[str, ...]
    answer_starts: tuple[int, ...]

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def load_jsonl(path: Path) -> list[QAExample]:
    """One question a line, Hugging Face "squad" schema, optionally gzipped."""
    opener: Any = gzip.open if str(path).endswith(".gz") else open
    out: list[QAExample] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            ans = row.get("answers") or {"text": [], "answer_start": []}
            out.append(
                QAExample(
                    id=row["id"],
                    title=row.get("title", ""),
                    context=row["context"],
                    question=row["question"].strip(),
                    answers=tuple(ans["text"]),
                    answer_starts=tuple(ans["answer_start"]),
                )
            )
    return out


def load_nested(path: Path) -> list[QAExample]:
    """SQuAD nested JSON (COVID-QA)."""
    opener: Any = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    out: list[QAExample] = []
    for article in data["data"]:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                answers = qa.get("answers", [])
                out.append(
                    QAExample(
                        id=str(qa["id"]),
                        title=article.get("title", ""),
                        context=para["context"],
                        question=qa["question"].strip(),
                        answers=tuple(a["text"] for a in answers),
                        answer_starts=tuple(int(a["answer_start"]) for a in answers),
                    )
                )
    return out


def make_negatives(
    examples: list[QAExample], rng: random.Random, same_article: float, other_article: float
) -> list[QAExample]:
    """Questions paired with passages that do not contain their answer.

    Same-article passages are the hard case (same topic, answer absent), close to how SQuAD 2.0's
    unanswerable questions look; other-article passages teach declining off-topic questions.
    """
    by_title: dict[str, list[str]] = defaultdict(list)
    for ex in examples:
        if not by_title[ex.title] or by_title[ex.title][-1] != ex.context:
            by_title[ex.title].append(ex.context)
    titles = list(by_title)
    out: list[QAExample] = []
    for ex in examples:
        if not ex.answerable:
            continue
        golds = [a.lower() for a in ex.answers]
        for kind, prob in (("same", same_article), ("other", other_article)):
            if rng.random() >= prob:
                continue
            pool = by_title[ex.title] if kind == "same" else by_title[rng.choice(titles)]
            candidates = [c for c in pool if c != ex.context]
            if not candidates:
                continue
            ctx = rng.choice(candidates)
            if any(g in ctx.lower() for g in golds):
                continue
            out.append(QAExample(f"{ex.id}-neg-{kind}", ex.title, ctx, ex.question, (), ()))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def answer_removed(examples: list[QAExample], rng: random.Random, rate: float) -> list[QAExample]:
    """Questions paired with their own paragraph, less every sentence that holds an answer.

    The tutor's blind spot: an on-topic question the notes do not answer. Its paragraph still
    talks about everything the question names, so a reader trained only to find spans answers
    it with a span of the right type ("What is the vocabulary size of BERT?" → "340M", from
    the sentence about parameters). These examples, like SQuAD 2.0's unanswerable questions,
    teach the no-answer score that the asked relation has to be there.
    """
    out: list[QAExample] = []
    for ex in examples:
        if not ex.answerable or rng.random() >= rate:
            continue
        golds = [a.lower() for a in ex.answers]
        sentences = [s for s in _SENTENCE_END.split(ex.context) if s.strip()]
        kept = [s for s in sentences if not any(g in s.lower() for g in golds)]
        context = " ".join(kept)
        if len(kept) < 2 or len(kept) == len(sentences) or any(g in context.lower() for g in golds):
            continue
        out.append(QAExample(f"{ex.id}-neg-removed", ex.title, context, ex.question, (), ()))
    return out


@dataclass
class Features:
    input_ids: list[list[int]]
    token_type_ids: list[list[int]]
    start_positions: np.ndarray
    end_positions: np.ndarray
    example_index: np.ndarray
    offsets: list[list[tuple[int, int] | None]]

    def __len__(self) -> int:
        return len(self.input_ids)


def tokenize_examples(
    tokenizer: Any,
    examples: list[QAExample],
    max_length: int,
    stride: int,
    max_negative_windows: int | None = None,
    seed: int = 0,
) -> Features:
    """Window every (question, context) pair and label the answer tokens ([CLS] when absent).

    ``max_negative_windows`` caps the answer-less windows kept per answerable example (long
    COVID-QA papers would otherwise flood training with negatives).
    """
    rng = random.Random(seed)
    enc = tokenizer(
        [ex.question for ex in examples],
        [ex.context for ex in examples],
        truncation="only_second",
        max_length=max_length,
        stride=stride,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
        padding=False,
    )
    mapping = enc["overflow_to_sample_mapping"]
    ids_out: list[list[int]] = []
    tt_out: list[list[int]] = []
    starts: list[int] = []
    ends: list[int] = []
    ex_idx: list[int] = []
    offs_out: list[list[tuple[int, int] | None]] = []
    neg_windows: dict[int, list[int]] = defaultdict(list)
    for i, offsets in enumerate(enc["offset_mapping"]):
        seq_ids = enc.sequence_ids(i)
        ex = examples[mapping[i]]
        ctx_offsets: list[tuple[int, int] | None] = [
            tuple(o) if s == 1 else None
            for o, s in zip(offsets, seq_ids, strict=True)  # type: ignore[misc]
        ]
        s_tok = e_tok = 0
        if ex.answerable:
            a_start = ex.answer_starts[0]
            a_end = a_start + len(ex.answers[0])
            ctx_idx = [k for k, o in enumerate(ctx_offsets) if o is not None]
            first, last = ctx_idx[0], ctx_idx[-1]
            lo, hi = ctx_offsets[first], ctx_offsets[last]
            assert lo is not None and hi is not None
            if lo[0] <= a_start and hi[1] >= a_end:
                k = first
                while k <= last and ctx_offsets[k][1] <= a_start:  # type: ignore[index]
                    k += 1
                s_tok = k
                k = last
                while k >= first and ctx_offsets[k][0] >= a_end:  # type: ignore[index]
                    k -= 1
                e_tok = k
                if e_tok < s_tok:
                    s_tok = e_tok = 0
        if ex.answerable and s_tok == 0 and max_negative_windows is not None:
            neg_windows[mapping[i]].append(len(ids_out))
        ids_out.append(list(enc["input_ids"][i]))
        tt_out.append(list(enc["token_type_ids"][i]))
        starts.append(s_tok)
        ends.append(e_tok)
        ex_idx.append(mapping[i])
        offs_out.append(ctx_offsets)
    keep = np.ones(len(ids_out), dtype=bool)
    if max_negative_windows is not None:
        for windows in neg_windows.values():
            if len(windows) > max_negative_windows:
                drop = set(windows) - set(rng.sample(windows, max_negative_windows))
                for d in drop:
                    keep[d] = False
    sel = np.flatnonzero(keep)
    return Features(
        input_ids=[ids_out[k] for k in sel],
        token_type_ids=[tt_out[k] for k in sel],
        start_positions=np.asarray(starts)[sel],
        end_positions=np.asarray(ends)[sel],
        example_index=np.asarray(ex_idx)[sel],
        offsets=[offs_out[k] for k in sel],
    )


def window_examples(
    examples: list[QAExample], tokenizer: Any, window_tokens: int, rng: random.Random, negatives: float
) -> list[QAExample]:
    """Each answerable question on the sentence windows the tutor reads (``models.reader``).

    The window that holds the answer becomes a training example of its own; each other window of
    the paragraph becomes, with probability ``negatives``, a "no answer" example (a same-topic
    neighbour of the answer: the hard case). The reader was trained on whole paragraphs but reads
    windows of ~96 tokens, where its no-answer score behaves differently.
    """
    from models.reading_view import reading_view, sentence_windows

    out: list[QAExample] = []
    views: dict[str, Any] = {}
    for ex in examples:
        if not ex.answerable:
            continue
        if ex.context not in views:
            view = reading_view(ex.context)
            views[ex.context] = (view, [(s, e) for _, s, e in sentence_windows([view], tokenizer, window_tokens)])
        view, spans = views[ex.context]
        a_start, answer = ex.answer_starts[0], ex.answers[0]
        if view.text[a_start : a_start + len(answer)] != answer:  # the view moved the text: skip
            continue
        holding = [k for k, (s, e) in enumerate(spans) if s <= a_start and a_start + len(answer) <= e]
        if not holding:  # the answer crosses a window boundary
            continue
        keep = holding[-1]
        s, e = spans[keep]
        out.append(QAExample(f"{ex.id}-w", ex.title, view.text[s:e], ex.question, (answer,), (a_start - s,)))
        for k, (s, e) in enumerate(spans):
            text = view.text[s:e]
            if k in holding or answer.lower() in text.lower() or rng.random() >= negatives:
                continue
            out.append(QAExample(f"{ex.id}-w{k}-neg", ex.title, text, ex.question, (), ()))
    return out
