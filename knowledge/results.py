"""Result objects that cross from the knowledge base to the interfaces."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from knowledge.store import PassageRecord


@dataclass(frozen=True)
class Citation:
    lecture: str
    lecture_title: str
    section: str

    def __str__(self) -> str:
        return f"{self.lecture_title} › {self.section}" if self.section else self.lecture_title

    @classmethod
    def of(cls, passage: PassageRecord) -> Citation:
        return cls(passage.lecture, passage.lecture_title, passage.section)


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float
    passage: PassageRecord

    @property
    def citation(self) -> Citation:
        return Citation.of(self.passage)


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)
    read_as: str = ""  # the query with its typos corrected, where any were ("" otherwise)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "read_as": self.read_as,
            "hits": [
                {
                    "rank": h.rank,
                    "score": round(h.score, 4),
                    "lecture": h.passage.lecture,
                    "section": h.passage.section,
                    "start": h.passage.start,
                    "end": h.passage.end,
                    "text": h.passage.text,
                }
                for h in self.hits
            ],
            "timings_ms": self.timings_ms,
        }


@dataclass(frozen=True)
class Answer:
    """What the tutor says to a question: a cited span, or an honest "not in the lectures"."""

    question: str
    abstained: bool
    text: str  # the answer span ("" when abstained)
    confidence: float
    sentence: str  # the sentence(s) holding the answer (or the closest passage's first sentence)
    answer_in_sentence: tuple[int, int]  # offsets of the answer inside ``sentence``
    passage: PassageRecord | None  # where the answer is (or the closest passage)
    retrieval_score: float
    hits: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)
    read_as: str = ""  # the question with its typos corrected, where any were ("" otherwise)

    @property
    def citation(self) -> Citation | None:
        return None if self.passage is None else Citation.of(self.passage)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("hits")
        d["citation"] = None if self.citation is None else asdict(self.citation)
        d["passages"] = [h.passage.id for h in self.hits]
        return d


@dataclass(frozen=True)
class IngestReport:
    lecture: str
    status: str  # "added" | "replaced" | "unchanged"
    passages: int
    seconds: float
