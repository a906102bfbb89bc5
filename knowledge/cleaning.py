"""Turn an uploaded lecture file into clean text: repaired encoding, no image markup."""

from __future__ import annotations

import re
import unicodedata

import ftfy

from models.errors import UserError

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_TRAILING_WS = re.compile(r"[ \t]+\n")
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
    text = _TRAILING_WS.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip() + "\n"


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
