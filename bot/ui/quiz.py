"""Quiz embeds, buttons and the free-text modal. Buttons carry the question id, so they keep
working after a restart; the engine decides whose question it is and records each answer once."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import discord
from PIL import Image, ImageDraw, ImageFont

from bot.render import confidence_bar
from bot.ui.embeds import DESCRIPTION_LIMIT, FIELD_LIMIT, TITLE_LIMIT, clip, safe
from knowledge.quiz.engine import Graded, QuestionView, QuizError, Summary, TermProgress

if TYPE_CHECKING:
    from bot.client import TutorBot

LETTERS = "ABCD"


def question_embed(q: QuestionView, feedback: discord.Embed | None = None) -> discord.Embed:
    embed = discord.Embed(title=f"Question {q.ordinal + 1} of {q.total}", colour=0x6A1B9A)
    body = q.prompt
    if q.options:
        body += "\n\n" + "\n".join(f"**{LETTERS[i]}.** {safe(opt)}" for i, opt in enumerate(q.options))
    else:
        body += "\n\nPress **Answer** and type your answer."
    embed.description = clip(body, DESCRIPTION_LIMIT)
    if feedback is not None and feedback.description:
        embed.add_field(
            name=clip(feedback.title or "Last answer", TITLE_LIMIT),
            value=clip(feedback.description, FIELD_LIMIT),
            inline=False,
        )
    return embed


def graded_embed(g: Graded) -> discord.Embed:
    title = ("Already recorded — " if g.already_answered else "") + ("✅ Right!" if g.correct else "❌ Not quite")
    lines = []
    if not g.correct:
        lines.append(f"The answer: **{safe(g.reference)}**")
    if g.explanation and g.explanation != g.reference:
        lines.append(safe(g.explanation))
    if g.citation is not None:
        lines.append(f"— {safe(str(g.citation))}")
    return discord.Embed(
        title=title, description=clip("\n".join(lines), FIELD_LIMIT), colour=0x2E7D32 if g.correct else 0xC62828
    )


def summary_embed(s: Summary, last: discord.Embed) -> discord.Embed:
    embed = discord.Embed(title=f"Quiz done: {s.correct} of {s.total} right", colour=0x6A1B9A)
    embed.add_field(name=clip(last.title or "", TITLE_LIMIT), value=last.description or "—", inline=False)
    if s.wrong_terms:
        embed.add_field(
            name="Review these", value=clip(", ".join(safe(t) for t in s.wrong_terms), FIELD_LIMIT), inline=False
        )
    embed.set_footer(text="Missed terms come back first next time. /progress shows your mastery.")
    return embed


def question_view(q: QuestionView) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    if q.options:
        for i in range(len(q.options)):
            view.add_item(ChoiceButton(q.id, i))
    else:
        view.add_item(TextAnswerButton(q.id))
    return view


async def reply_with(bot: TutorBot, interaction: discord.Interaction, qid: str, response: str) -> None:
    """Grade an answer and turn the quiz message into feedback plus the next question."""
    guild, user = str(interaction.guild_id or "dm"), str(interaction.user.id)
    try:
        graded = await bot.run_blocking(bot.tutor.quiz.answer, qid, guild, user, response)
    except QuizError as exc:
        await interaction.response.send_message(f"Sorry: {exc}", ephemeral=True)
        return
    feedback = graded_embed(graded)
    if graded.already_answered:
        await interaction.response.send_message(embed=feedback, ephemeral=True)
        return
    if graded.next_question is not None:
        await interaction.response.edit_message(
            embed=question_embed(graded.next_question, feedback), view=question_view(graded.next_question)
        )
    else:
        assert graded.summary is not None
        await interaction.response.edit_message(embed=summary_embed(graded.summary, feedback), view=None)


class ChoiceButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"tutor:qa:(?P<qid>[0-9a-f]{32}):(?P<i>\d)"
):
    def __init__(self, qid: str, index: int) -> None:
        self.qid, self.index = qid, index
        super().__init__(
            discord.ui.Button(
                label=LETTERS[index], style=discord.ButtonStyle.secondary, custom_id=f"tutor:qa:{qid}:{index}"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ChoiceButton:
        return cls(match["qid"], int(match["i"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await reply_with(interaction.client, interaction, self.qid, str(self.index))  # type: ignore[arg-type]


class AnswerModal(discord.ui.Modal):
    def __init__(self, qid: str, prompt: str) -> None:
        super().__init__(title="Your answer", custom_id=f"tutor:qm:{qid}", timeout=None)
        self.qid = qid
        self.answer: discord.ui.TextInput[AnswerModal] = discord.ui.TextInput(
            label=clip(prompt, 45), style=discord.TextStyle.paragraph, max_length=4000, custom_id="answer"
        )
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await reply_with(interaction.client, interaction, self.qid, self.answer.value)  # type: ignore[arg-type]


class TextAnswerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"tutor:qt:(?P<qid>[0-9a-f]{32})"):
    def __init__(self, qid: str) -> None:
        self.qid = qid
        super().__init__(
            discord.ui.Button(label="Answer", style=discord.ButtonStyle.primary, custom_id=f"tutor:qt:{qid}")
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> TextAnswerButton:
        return cls(match["qid"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: TutorBot = interaction.client  # type: ignore[assignment]
        try:
            q = await bot.run_blocking(bot.tutor.quiz.question, self.qid)
        except QuizError as exc:
            await interaction.response.send_message(f"Sorry: {exc}", ephemeral=True)
            return
        await interaction.response.send_modal(
            AnswerModal(self.qid, "Fill in the blank" if q.kind == "cloze" else q.term)
        )


class StartReviewButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"tutor:qstart:(?P<lecture>[a-z0-9-]{1,80})"
):
    """Under an instructor's review post: each student who clicks gets a private session."""

    def __init__(self, lecture: str) -> None:
        self.lecture = lecture
        super().__init__(
            discord.ui.Button(
                label="Start review", style=discord.ButtonStyle.success, custom_id=f"tutor:qstart:{lecture}"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> StartReviewButton:
        return cls(match["lecture"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: TutorBot = interaction.client  # type: ignore[assignment]
        await start_quiz(bot, interaction, self.lecture, bot.settings.quiz.default_count)


async def start_quiz(bot: TutorBot, interaction: discord.Interaction, lecture: str | None, count: int) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        views = await bot.run_blocking(
            bot.tutor.quiz.start,
            str(interaction.guild_id or "dm"),
            str(interaction.user.id),
            lecture,
            count,
            interaction.user.display_name,
        )
    except QuizError as exc:
        await interaction.followup.send(f"Sorry: {exc}", ephemeral=True)
        return
    await interaction.followup.send(embed=question_embed(views[0]), view=question_view(views[0]), ephemeral=True)


def progress_chart(rows: list[TermProgress]) -> bytes:
    """Horizontal mastery bars, one per term."""
    font = ImageFont.load_default(size=15)
    width, bar_w, row_h, left = 720, 360, 24, 230
    img = Image.new("RGB", (width, 40 + row_h * max(1, len(rows))), "white")
    draw = ImageDraw.Draw(img)
    draw.text((12, 10), "Mastery per key term", fill="#212121", font=font)
    for i, r in enumerate(rows):
        y = 36 + i * row_h
        draw.text((12, y), clip(r.term, 28), fill="#37474F", font=font)
        draw.rectangle((left, y + 3, left + bar_w, y + 17), fill="#ECEFF1")
        colour = "#C62828" if r.box == 1 and r.wrong else "#2E7D32" if r.box >= 3 else "#F9A825"
        draw.rectangle((left, y + 3, left + int(bar_w * r.mastery), y + 17), fill=colour)
        draw.text((left + bar_w + 10, y), f"box {r.box} · {r.right}✓ {r.wrong}✗", fill="#607D8B", font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def progress_embed(rows: list[TermProgress]) -> discord.Embed:
    seen = [r for r in rows if r.right or r.wrong]
    embed = discord.Embed(title="Your progress", colour=0x6A1B9A)
    embed.description = (
        f"{len(seen)} of {len(rows)} key terms practised; {sum(r.box >= 3 for r in rows)} mastered (box 3+)."
    )
    chunk: list[str] = []
    for r in rows[:60]:
        line = f"{confidence_bar(r.mastery, 6)} {safe(r.term)}"
        if sum(len(x) + 1 for x in chunk) + len(line) > FIELD_LIMIT:
            embed.add_field(name="\u200b", value="\n".join(chunk), inline=False)
            chunk = []
        chunk.append(line)
    if chunk and len(embed.fields) < 5:
        embed.add_field(name="\u200b", value="\n".join(chunk), inline=False)
    embed.set_image(url="attachment://progress.png")
    return embed
