"""/quiz, /progress, /leaderboard, /forget-me, and the instructors' /term group."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import InstructorGroup
from bot.client import TutorBot
from bot.ui.embeds import FIELD_LIMIT, MESSAGE_LIMIT, clip, safe
from bot.ui.payloads import png_file
from bot.ui.quiz import (
    ChoiceButton,
    StartReviewButton,
    TextAnswerButton,
    progress_chart,
    progress_embed,
    start_quiz,
)
from knowledge.tutor import TutorError


class QuizCog(commands.Cog):
    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="quiz", description="Review the lecture's key terms (private, spaced repetition)")
    @app_commands.describe(lecture="lecture name (default: the latest)", count="number of questions (1-20)")
    async def quiz(
        self,
        interaction: discord.Interaction,
        lecture: str | None = None,
        count: app_commands.Range[int, 1, 20] | None = None,
    ) -> None:
        self.bot.cooldown.hit(interaction.user.id)
        await start_quiz(self.bot, interaction, lecture, count or self.bot.settings.quiz.default_count)

    @app_commands.command(name="progress", description="Your mastery of each key term")
    async def progress(self, interaction: discord.Interaction, lecture: str | None = None) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        rows = await self.bot.run_blocking(
            self.bot.tutor.quiz.progress, str(interaction.guild_id or "dm"), str(interaction.user.id), lecture
        )
        png = await self.bot.run_blocking(progress_chart, rows)
        await interaction.followup.send(embed=progress_embed(rows), file=png_file(png, "progress.png"), ephemeral=True)

    @app_commands.command(name="leaderboard", description="Terms mastered, for students who opted in")
    @app_commands.describe(join="true to appear on the board, false to leave it")
    @app_commands.guild_only()
    async def leaderboard(self, interaction: discord.Interaction, join: bool | None = None) -> None:
        guild, user = str(interaction.guild_id), str(interaction.user.id)
        if join is not None:
            await self.bot.run_blocking(
                self.bot.tutor.quiz.set_leaderboard, guild, user, join, interaction.user.display_name
            )
        rows = await self.bot.run_blocking(self.bot.tutor.quiz.leaderboard, guild)
        lines = [f"{i}. {safe(name)} — {n} terms mastered" for i, (name, n, _) in enumerate(rows, start=1)]
        embed = discord.Embed(
            title="Leaderboard",
            colour=0x6A1B9A,
            description=clip("\n".join(lines) or "Nobody has joined yet.", FIELD_LIMIT),
        )
        embed.set_footer(text="Only students who chose /leaderboard join:true are listed.")
        note = {None: "", True: "You are on the board now. ", False: "You left the board. "}[join]
        await interaction.response.send_message(note or None, embed=embed, ephemeral=True)

    @app_commands.command(name="forget-me", description="Delete everything the tutor stored about you")
    async def forget_me(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        done = await self.bot.run_blocking(
            self.bot.tutor.forget_me, str(interaction.guild_id or "dm"), str(interaction.user.id)
        )
        await interaction.followup.send(
            "Your quiz history, schedule, questions and votes were deleted."
            if done
            else "Nothing was stored about you.",
            ephemeral=True,
        )


class TermGroup(InstructorGroup):
    """Instructors: key terms and review posts. A top-level group, so the permission hint applies."""

    def __init__(self, bot: TutorBot) -> None:
        super().__init__(bot, "term", "Key terms and quiz posts (instructors)")

    @app_commands.command(name="add", description="Add or update a key term of a lecture")
    async def add(self, interaction: discord.Interaction, lecture: str, term: str, definition: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        info = await self.bot.run_blocking(self.bot.tutor.quiz.add_term, lecture, term, definition)
        await interaction.followup.send(
            clip(f"Saved **{safe(info.term)}** for {safe(info.lecture)}.", MESSAGE_LIMIT), ephemeral=True
        )

    @app_commands.command(name="post-quiz", description="Post a pre-lecture review; each student gets a private quiz")
    async def post_quiz(self, interaction: discord.Interaction, lecture: str) -> None:
        terms = await self.bot.run_blocking(self.bot.tutor.quiz.terms, lecture)
        if len(terms) < 4:
            raise TutorError(f"lecture {lecture!r} has {len(terms)} key terms; a quiz needs 4")
        view = discord.ui.View(timeout=None)
        view.add_item(StartReviewButton(lecture))
        embed = discord.Embed(
            title=clip(f"Review before the lecture: {lecture}", 256),
            colour=0x6A1B9A,
            description=clip("Key terms: " + ", ".join(safe(t.term) for t in terms), FIELD_LIMIT),
        )
        embed.set_footer(text="Press Start review: you get your own private quiz.")
        await interaction.response.send_message(embed=embed, view=view)


async def setup(bot: TutorBot) -> None:
    bot.add_dynamic_items(ChoiceButton, TextAnswerButton, StartReviewButton)
    bot.tree.add_command(TermGroup(bot))
    await bot.add_cog(QuizCog(bot))
