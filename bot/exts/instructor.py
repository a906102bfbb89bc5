"""Instructors' commands, in their own top-level group, checked against the role server-side."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import InstructorGroup, require_instructor
from bot.client import TutorBot
from bot.ui.embeds import MESSAGE_LIMIT, clip, safe, stats_embed
from knowledge.tutor import LECTURE_SUFFIXES, TutorError


class LectureGroup(InstructorGroup):
    def __init__(self, bot: TutorBot) -> None:
        super().__init__(bot, "lecture", "Manage the course lectures (instructors)")

    @app_commands.command(name="add", description="Add or update a lecture from a .md or .txt file")
    async def add(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        limit = self.bot.settings.discord.max_upload_bytes
        if Path(file.filename).suffix.lower() not in LECTURE_SUFFIXES:
            raise TutorError(f"{file.filename}: lectures must be Markdown (.md) or plain text (.txt)")
        if file.size > limit:
            raise TutorError(f"{file.filename} is {file.size / 1e6:.1f} MB; the upload limit is {limit / 1e6:.1f} MB")
        await interaction.response.defer(thinking=True)
        data = await file.read()
        loop = asyncio.get_running_loop()
        last = [0.0]

        def progress(name: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 1.0 or done == total:
                last[0] = now
                text = f"Embedding {name}: {done}/{total} passages…"
                asyncio.run_coroutine_threadsafe(interaction.edit_original_response(content=text), loop)

        report = await self.bot.run_blocking(self.bot.tutor.ingest_bytes, file.filename, data, file.filename, progress)
        verb = {"added": "Added", "replaced": "Updated", "unchanged": "No changes in"}[report.status]
        await interaction.edit_original_response(
            content=clip(f"{verb} lecture **{safe(report.lecture)}** ({report.passages} passages).", MESSAGE_LIMIT)
        )

    @app_commands.command(name="list", description="List the lectures")
    async def list_(self, interaction: discord.Interaction) -> None:
        rows = await self.bot.run_blocking(self.bot.tutor.lectures)
        lines = [f"• **{safe(r.name)}** — {safe(r.title)} ({r.passages} passages)" for r in rows]
        await interaction.response.send_message(
            clip("\n".join(lines) or "No lectures yet.", MESSAGE_LIMIT), ephemeral=True
        )

    @app_commands.command(name="remove", description="Remove a lecture")
    async def remove(self, interaction: discord.Interaction, name: str) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        await self.bot.run_blocking(self.bot.tutor.remove, name)
        await interaction.followup.send(clip(f"Removed lecture **{safe(name)}**.", MESSAGE_LIMIT), ephemeral=True)


class InstructorCog(commands.Cog):
    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="stats", description="Questions, declines and feedback (instructors)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def stats(self, interaction: discord.Interaction) -> None:
        require_instructor(interaction, self.bot.settings.discord.instructor_role)
        stats = await self.bot.run_blocking(self.bot.tutor.feedback.stats, str(interaction.guild_id))
        await interaction.response.send_message(embed=stats_embed(stats), ephemeral=True)


async def setup(bot: TutorBot) -> None:
    bot.tree.add_command(LectureGroup(bot))
    await bot.add_cog(InstructorCog(bot))
