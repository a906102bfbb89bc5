"""Glossary files: ``knowledge/glossary/<lecture>.toml``, one ``[[term]]`` table per key term."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import UserError


class GlossaryError(UserError):
    pass


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    aliases: list[str] = field(default_factory=list)


def load_glossary(path: Path) -> list[GlossaryEntry]:
    """Read and check one glossary file; problems name the file and the entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GlossaryError(f"{path}: {exc}") from None
    entries: list[GlossaryEntry] = []
    seen: set[str] = set()
    for i, row in enumerate(data.get("term", []), start=1):
        where = f"{path}: term #{i}"
        if not isinstance(row, dict) or set(row) - {"term", "definition", "aliases"}:
            raise GlossaryError(f"{where}: expected keys term, definition and optional aliases")
        term, definition, aliases = row.get("term"), row.get("definition"), row.get("aliases", [])
        if not isinstance(term, str) or not term.strip():
            raise GlossaryError(f"{where}: 'term' must be non-empty text")
        if not isinstance(definition, str) or len(definition.split()) < 3:
            raise GlossaryError(f"{where} ({term}): 'definition' must be a sentence")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise GlossaryError(f"{where} ({term}): 'aliases' must be a list of strings")
        if term.lower() in seen:
            raise GlossaryError(f"{where}: {term!r} appears twice")
        seen.add(term.lower())
        entries.append(GlossaryEntry(term.strip(), " ".join(definition.split()), [a.strip() for a in aliases]))
    return entries
