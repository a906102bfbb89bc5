"""Discord embeds for tutor results, always inside Discord's size limits."""

from __future__ import annotations

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.render import confidence_bar
from knowledge.feedback import Stats
from knowledge.results import Answer, SearchResult

DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
TITLE_LIMIT = 256
TOTAL_LIMIT = 6000
MESSAGE_LIMIT = 2000
GREEN, GREY, BLUE = 0x2E7D32, 0x757575, 0x1565C0


def clip(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis when too long."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"


def safe(text: str) -> str:
    """User or lecture text shown as plain text: no markdown tricks, no mention syntax."""
    return escape_mentions(escape_markdown(text))


def one_line(text: str) -> str:
    return " ".join(text.split())


def answer_embed(ans: Answer) -> discord.Embed:
    title = clip(escape_mentions(one_line(ans.question)), TITLE_LIMIT)
    return _with_read_as(_answer_body(ans, title), ans.read_as)


def _with_read_as(embed: discord.Embed, read_as: str) -> discord.Embed:
    """Shows what a misspelt question or query was read as, where it was corrected."""
    if read_as:
        embed.set_author(name=clip(f"Read as: {escape_mentions(one_line(read_as))}", TITLE_LIMIT))
    return embed


def _answer_body(ans: Answer, title: str) -> discord.Embed:
    if ans.abstained:
        embed = discord.Embed(title=title, colour=GREY, description="That doesn't seem to be covered in the lectures.")
        if ans.passage is not None:
            embed.add_field(
                name=clip(f"Closest passage — {ans.citation}", TITLE_LIMIT),
                value=clip(safe(one_line(ans.passage.text)), FIELD_LIMIT),
                inline=False,
            )
        embed.set_footer(text="You can ask a TA with the button below.")
        return embed
    s, e = ans.answer_in_sentence
    sentence = (
        safe(one_line(ans.sentence[:s]))
        + " **"
        + safe(one_line(ans.sentence[s:e]))
        + "** "
        + safe(one_line(ans.sentence[e:]))
    )
    description = f"**{safe(one_line(ans.text))}**\n\n> {one_line(sentence)}"
    embed = discord.Embed(title=title, colour=GREEN, description=clip(description, DESCRIPTION_LIMIT))
    embed.add_field(name="Source", value=clip(safe(str(ans.citation)), FIELD_LIMIT), inline=True)
    embed.add_field(name="Confidence", value=confidence_bar(ans.confidence), inline=True)
    return embed


def search_embed(result: SearchResult) -> discord.Embed:
    title = clip(f"Search: {escape_mentions(one_line(result.query))}", TITLE_LIMIT)
    embed = _with_read_as(discord.Embed(title=title, colour=BLUE), result.read_as)
    if not result.hits:
        embed.description = "No lecture passages yet."
    budget = TOTAL_LIMIT - len(embed.title or "") - 200
    for hit in result.hits[:25]:
        name = clip(f"{hit.rank}. {hit.citation} · {hit.score:.2f}", TITLE_LIMIT)
        value = clip(safe(one_line(hit.passage.text)), min(FIELD_LIMIT, max(50, budget - len(name))))
        budget -= len(name) + len(value)
        if budget < 0:
            break
        embed.add_field(name=name, value=value, inline=False)
    return embed


def stats_embed(stats: Stats) -> discord.Embed:
    embed = discord.Embed(title="Tutor statistics", colour=BLUE)
    embed.add_field(name="Questions", value=str(stats.questions))
    embed.add_field(name="Declined", value=f"{stats.declined_share:.0%}")
    embed.add_field(name="Votes", value=f"👍 {stats.thumbs_up} · 👎 {stats.thumbs_down}")
    low = "\n".join(f"{c:.0%} — {clip(safe(one_line(q)), 120)}" for q, c in stats.lowest_confidence) or "—"
    freq = "\n".join(f"{n}× {clip(safe(q), 120)}" for q, n in stats.most_frequent) or "—"
    embed.add_field(name="Lowest confidence", value=clip(low, FIELD_LIMIT), inline=False)
    embed.add_field(name="Most frequent", value=clip(freq, FIELD_LIMIT), inline=False)
    return embed
