"""Turn an uploaded lecture file into clean text: repaired encoding, no image markup."""

from __future__ import annotations

import re
import unicodedata

import ftfy

from models.errors import UserError

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_TRAILING_WS = re.compile(r"[ \t]+$", re.MULTILINE)
_MANY_BLANKS = re.compile(r"\n{3,}")


class LectureFileError(UserError):
    """A file that cannot be a lecture (binary, empty, too large, not text)."""


def decode_bytes(data: bytes, name: str = "file") -> str:
    """Decode an uploaded file, refusing binary data with a clear message."""
    if not data.strip():
        raise LectureFileError(f"{name} is empty")
    if b"\x00" in data[:8192]:
        raise LectureFileError(f"{name} looks like a binary file, not Markdown or plain text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:8192] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise LectureFileError(f"{name} looks like a binary file, not Markdown or plain text")
    return text


def clean_text(text: str) -> str:
    """Repair mojibake (``Iâ€™m`` → ``I’m``), drop image markup keeping alt text, tidy whitespace."""
    text = ftfy.fix_text(text, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _IMAGE.sub(lambda m: m.group(1).strip(), text)
    text = _HTML_IMG.sub("", text)
    text = _TRAILING_WS.sub(_keep_hard_break, text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip() + "\n"


def _keep_hard_break(m: re.Match[str]) -> str:
    """Trailing blanks go, except a Markdown hard break (two or more spaces), kept as exactly two.

    A hard break ends a block ("I love dogs.  \\n[1 2 3 4 3 2 5]  \\n"): the reader's prose view
    (``models.reading_view``) makes it a sentence of its own instead of running it into the next line.
    """
    at_line_start = m.start() == 0 or m.string[m.start() - 1] == "\n"
    return "  " if m.group().startswith("  ") and not at_line_start else ""


# Discord's markdown around words: **bold**, *italics*, __underline__, ~~strike~~, ||spoiler||, `code`.
# Only as delimiters: BERT_BASE keeps its underscore, 2*3*4 its asterisks.
_EMPHASIS = re.compile(r"(?<![\w*_~|`])(\*{1,3}|_{1,3}|~~|\|\||`{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_~|`])")
_LINE_MARK = re.compile(r"^[ \t]*(?:>{1,3}|#{1,3}|-#)[ \t]+", re.MULTILINE)  # a quote, heading or subtext line


def clean_question(text: str) -> str:
    """A typed question as the models read best: mojibake repaired, compatibility forms folded,
    Discord's markdown taken off.

    NFKC turns full-width "Ｗｈｏ ｃｒｅａｔｅｄ ＢＥＲＴ？" (a Japanese keyboard) into "Who created BERT?",
    which the reader answers; as typed, every character is [UNK] to it and the question was declined.
    "**What** is a _model_?" was declined too (0.00): the reader reads the markers as words.
    """
    text = _LINE_MARK.sub("", _ZERO_WIDTH.sub("", ftfy.fix_text(text, normalization="NFKC")))
    while (plain := _EMPHASIS.sub(r"\2", text)) != text:  # nested: ***_x_***
        text = plain
    return text


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
