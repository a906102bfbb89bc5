"""A picture of WordPiece tokens: each word, and under it the coloured chips it became."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageDraw, ImageFont

from models.text_demos import TokenizeResult

PALETTE = ["#FFE0B2", "#C8E6C9", "#BBDEFB", "#F8BBD0", "#D1C4E9", "#FFF9C4", "#B2DFDB", "#FFCCBC"]
SPECIAL = "#CFD8DC"
MAX_WIDTH = 1100
MAX_TOKENS = 160


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def render_tokens(result: TokenizeResult) -> bytes:
    """PNG bytes. Words are laid out left to right and wrapped; chips sit under their word."""
    word_font, chip_font = _font(20), _font(15)
    groups: list[tuple[str, list[tuple[str, int]]]] = []
    pieces = result.pieces[:MAX_TOKENS]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", result.text)]
    for p in pieces:
        if p.start < 0:
            groups.append(("", [(p.token, -1)]))
            continue
        owner = next((w for w in words if w[0] <= p.start < w[1]), (p.start, p.end))
        label = result.text[owner[0] : owner[1]]
        if groups and groups[-1][0] == label and groups[-1][1][-1][1] == owner[0]:
            groups[-1][1].append((p.token, owner[0]))
        else:
            groups.append((label, [(p.token, owner[0])]))
    pad, gap, chip_h, line_h = 16, 14, 26, 76
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))

    def width(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> int:
        return int(probe.textlength(text, font=font))

    layout: list[tuple[int, int, str, list[tuple[str, int]], int]] = []
    x, y = pad, pad
    for label, chips in groups:
        chips_w = sum(width(t, chip_font) + 14 for t, _ in chips) + 4 * (len(chips) - 1)
        w = max(width(label, word_font), chips_w)
        if x + w > MAX_WIDTH - pad and x > pad:
            x, y = pad, y + line_h
        layout.append((x, y, label, chips, w))
        x += w + gap
    height = y + line_h + pad + 24
    img = Image.new("RGB", (MAX_WIDTH, height), "white")
    draw = ImageDraw.Draw(img)
    for i, (x, y, label, chips, _) in enumerate(layout):
        draw.text((x, y), label, fill="#212121", font=word_font)
        cx = x
        for token, _ in chips:
            tw = width(token, chip_font) + 14
            colour = SPECIAL if token in ("[CLS]", "[SEP]") else PALETTE[i % len(PALETTE)]
            draw.rounded_rectangle((cx, y + 30, cx + tw, y + 30 + chip_h), radius=6, fill=colour, outline="#90A4AE")
            draw.text((cx + 7, y + 34), token, fill="#263238", font=chip_font)
            cx += tw + 4
    note = f"{result.count} WordPiece tokens"
    if len(result.pieces) > MAX_TOKENS:
        note += f" (first {MAX_TOKENS} drawn)"
    draw.text((pad, height - pad - 16), note, fill="#607D8B", font=chip_font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
