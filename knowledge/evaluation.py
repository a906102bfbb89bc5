"""Evaluate the ask pipeline on a JSONL question set (``{"id", "question", "answers"}``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.tutor import Tutor, TutorError
from models.qa_metrics import best_over_golds, contains_answer


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    answers: list[str]


@dataclass(frozen=True)
class EvalReport:
    em: float
    f1: float
    recall_at_k: float
    sentence_accuracy: float
    abstain_accuracy: float
    false_abstain_rate: float
    latency_p50_ms: float
    latency_p95_ms: float
    n: int

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


def load_items(path: Path) -> list[EvalItem]:
    if not path.exists():
        raise TutorError(f"{path}: no such file")
    items: list[EvalItem] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(EvalItem(str(row["id"]), str(row["question"]), [str(a) for a in row["answers"]]))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise TutorError(f'{path}:{lineno}: expected {{"id", "question", "answers"}} ({exc})') from None
    if not items:
        raise TutorError(f"{path} holds no questions")
    return items


def evaluate(tutor: Tutor, items: list[EvalItem]) -> tuple[EvalReport, list[dict[str, Any]]]:
    """Metrics over answerable questions (EM/F1/recall/sentence) and unanswerable ones (abstention)."""
    ems, f1s, recalls, sents, latencies = [], [], [], [], []
    abstain_ok, false_abstain = [], []
    details: list[dict[str, Any]] = []
    tutor.warm_up(reader=True)
    tutor.ask("warm-up question about the lecture")
    for item in items:
        ans = tutor.ask(item.question)
        latencies.append(ans.timings_ms.get("total", 0.0))
        if item.answers:
            em, f1 = (0.0, 0.0) if ans.abstained else best_over_golds(ans.text, item.answers)
            ems.append(em)
            f1s.append(f1)
            recalls.append(any(contains_answer(h.passage.text, item.answers) for h in ans.hits))
            sents.append(not ans.abstained and contains_answer(ans.sentence, item.answers))
            false_abstain.append(ans.abstained)
        else:
            abstain_ok.append(ans.abstained)
        details.append(
            {
                "id": item.id,
                "question": item.question,
                "answer": ans.text,
                "abstained": ans.abstained,
                "confidence": round(ans.confidence, 3),
                "gold": item.answers,
            }
        )

    def mean(xs: list[Any]) -> float:
        return float(np.mean(xs)) if xs else 0.0

    report = EvalReport(
        em=mean(ems),
        f1=mean(f1s),
        recall_at_k=mean(recalls),
        sentence_accuracy=mean(sents),
        abstain_accuracy=mean(abstain_ok),
        false_abstain_rate=mean(false_abstain),
        latency_p50_ms=float(np.percentile(latencies, 50)),
        latency_p95_ms=float(np.percentile(latencies, 95)),
        n=len(items),
    )
    return report, details
