"""Plain-text rendering of tutor results for the terminal (the Discord embeds live in bot/ui)."""

from __future__ import annotations

from knowledge.quiz.engine import Graded, QuestionView, Summary, TermProgress
from knowledge.results import Answer, SearchResult
from models.classifiers import Classification
from models.text_demos import CompareResult, NgramResult, TokenizeResult


def confidence_bar(p: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, p)) * width)
    return "█" * filled + "░" * (width - filled) + f" {p:.0%}"


def _read_as_line(read_as: str) -> str:
    """What a corrected question or query was read as, or "" where nothing was corrected."""
    return f"(read as “{read_as}”)" if read_as else ""


def answer_text(ans: Answer, bold: tuple[str, str] = ("**", "**")) -> str:
    read_as = _read_as_line(ans.read_as) + "\n" if ans.read_as else ""
    if ans.abstained:
        lines = [read_as + "That doesn't seem to be covered in the lectures."]
        if ans.passage is not None:
            lines.append(f"Closest passage ({ans.citation}): {ans.sentence}")
        return "\n".join(lines)
    s, e = ans.answer_in_sentence
    sent = ans.sentence[:s] + bold[0] + ans.sentence[s:e] + bold[1] + ans.sentence[e:]
    return f"{read_as}{ans.text}\n\n“{sent}”\n— {ans.citation}\nconfidence {confidence_bar(ans.confidence)}"


def search_text(result: SearchResult, width: int = 300) -> str:
    if not result.hits:
        return "No lecture passages yet: add a lecture with `tutor ingest FILE`."
    out = [_read_as_line(result.read_as)] if result.read_as else []
    for h in result.hits:
        snippet = " ".join(h.passage.text.split())
        if len(snippet) > width:
            snippet = snippet[: width - 1] + "…"
        out.append(f"{h.rank}. [{h.score:.3f}] {h.citation}\n   {snippet}")
    return "\n".join(out)


def tokenize_text(r: TokenizeResult) -> str:
    pieces = " ".join(p.token for p in r.pieces)
    ids = " ".join(str(p.id) for p in r.pieces)
    limit = "fits in" if r.fits_bert else "is longer than"
    lines = [
        f"WordPiece tokens ({r.count}): {pieces}",
        f"token ids: {ids}",
        f"This text {limit} BERT's 512-token window"
        + ("." if r.fits_bert else f": BERT would read only the first 512 of its {r.count} tokens."),
        "",
        f"Vocabulary-index representation{' (stopwords removed)' if r.dropped_stopwords else ''}:",
        "  " + " ".join(r.vocabulary),
        "  [" + " ".join(str(i) for i in r.indices) + "]",
    ]
    if r.truncated:
        lines.append("(The text was long; only its first 2,000 characters were used.)")
    return "\n".join(lines)


def ngrams_text(r: NgramResult) -> str:
    head = f"Most frequent {r.unit} {r.n}-grams ({r.total} in all):"
    rows = [f"{count:4}  {gram}" for gram, count in r.counts] or ["  (the text is too short for this n)"]
    tail = ["(The text was long; only its first 2,000 characters were used.)"] if r.truncated else []
    return "\n".join([head, *rows, *tail])


def compare_text(r: CompareResult) -> str:
    width = max(len(w) for w in r.vocabulary) if r.vocabulary else 4
    rows = [f"  {w:<{width}}  {a}  {b}" for w, a, b in zip(r.vocabulary, r.counts_a, r.counts_b, strict=True)]
    return "\n".join(
        [
            f"A: {r.a}",
            f"B: {r.b}",
            "Word counts (A, B):",
            *rows,
            f"Bag-of-words cosine:        {r.bow_cosine:.3f}"
            + ("  (identical: word order is lost)" if r.bow_cosine > 0.9999 else ""),
            f"Sentence-embedding cosine:  {r.embedding_cosine:.3f}  (the contextual model sees the order)",
        ]
    )


def classify_text(c: Classification) -> str:
    line = f"{c.label}  {confidence_bar(c.probability)}"
    if c.kind == "humor":
        line += f"\nNearest known joke ({c.hint_similarity:.2f}): {c.hint}"
    return line


def question_text(q: QuestionView) -> str:
    lines = [f"Question {q.ordinal + 1} of {q.total}: {q.prompt.replace('**', '')}"]
    lines += [f"  {i + 1}. {opt}" for i, opt in enumerate(q.options)]
    if not q.options:
        lines.append("  (type your answer)")
    return "\n".join(lines)


def graded_text(g: Graded) -> str:
    head = "Already recorded: " if g.already_answered else ""
    head += "✅ Right!" if g.correct else f"❌ Not quite. The answer: {g.reference}"
    lines = [head]
    if g.explanation and g.explanation != g.reference:
        lines.append(f"   {g.explanation}")
    if g.citation is not None:
        lines.append(f"   — {g.citation}")
    if g.summary is not None:
        lines.append(summary_text(g.summary))
    return "\n".join(lines)


def summary_text(s: Summary) -> str:
    out = [f"Quiz done: {s.correct} of {s.total} right."]
    if s.wrong_terms:
        out.append("Review: " + ", ".join(s.wrong_terms) + " (they come back first next time).")
    return "\n".join(out)


def progress_text(rows: list[TermProgress]) -> str:
    if not rows:
        return "No key terms yet."
    width = max(len(r.term) for r in rows)
    lines = [f"{'term':<{width}}  mastery      right wrong  box"]
    for r in rows:
        lines.append(f"{r.term:<{width}}  {confidence_bar(r.mastery, 8)}  {r.right:5} {r.wrong:5}  {r.box}")
    return "\n".join(lines)
