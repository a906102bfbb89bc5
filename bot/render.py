"""Plain-text rendering of tutor results for the terminal (the Discord embeds live in bot/ui)."""

from __future__ import annotations

from knowledge.results import Answer, SearchResult


def confidence_bar(p: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, p)) * width)
    return "█" * filled + "░" * (width - filled) + f" {p:.0%}"


def answer_text(ans: Answer, bold: tuple[str, str] = ("**", "**")) -> str:
    if ans.abstained:
        lines = ["That doesn't seem to be covered in the lectures."]
        if ans.passage is not None:
            lines.append(f"Closest passage ({ans.citation}): {ans.sentence}")
        return "\n".join(lines)
    s, e = ans.answer_in_sentence
    sent = ans.sentence[:s] + bold[0] + ans.sentence[s:e] + bold[1] + ans.sentence[e:]
    return f"{ans.text}\n\n“{sent}”\n— {ans.citation}\nconfidence {confidence_bar(ans.confidence)}"


def search_text(result: SearchResult, width: int = 300) -> str:
    if not result.hits:
        return "No lecture passages yet: add a lecture with `tutor ingest FILE`."
    out = []
    for h in result.hits:
        snippet = " ".join(h.passage.text.split())
        if len(snippet) > width:
            snippet = snippet[: width - 1] + "…"
        out.append(f"{h.rank}. [{h.score:.3f}] {h.citation}\n   {snippet}")
    return "\n".join(out)
