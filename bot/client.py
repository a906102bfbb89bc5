"""The Discord bot: a ``commands.Bot`` whose ``setup_hook`` loads one extension per area.

All model work runs in a dedicated single-thread executor (``run_blocking``), so the gateway
heartbeat is never blocked; slash commands defer before any such work.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import Cooldown, NotInstructor, OnCooldown
from bot.runtime import quiet_libraries, setup_logging
from bot.ui.embeds import MESSAGE_LIMIT, clip, one_line, safe
from bot.ui.payloads import SnowflakeMentions
from bot.ui.views import AskTAButton, VoteButton
from knowledge.config import Settings, load_settings
from knowledge.tutor import Tutor, TutorError
from models.errors import UserError

log = logging.getLogger(__name__)
T = TypeVar("T")
EXTENSIONS = ("bot.exts.ask", "bot.exts.demos", "bot.exts.quiz", "bot.exts.instructor", "bot.exts.meta")


class TutorBot(commands.Bot):
    def __init__(self, settings: Settings, tutor: Tutor) -> None:
        intents = discord.Intents.default()
        intents.message_content = settings.discord.message_content_intent
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=SnowflakeMentions.none(),
            help_command=None,
        )
        self.settings = settings
        self.tutor = tutor
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tutor-models")
        self.cooldown = Cooldown(settings.discord.cooldown_seconds)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def run_blocking(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    async def setup_hook(self) -> None:
        for ext in EXTENSIONS:
            await self.load_extension(ext)
        self.add_dynamic_items(VoteButton, AskTAButton)
        await self.run_blocking(self.tutor.warm_up, True)
        if self.application_id is None:
            info = await self.application_info()
            self._connection.application_id = info.id
        for gid in self.settings.discord.guild_ids:
            guild = discord.Object(id=gid)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), gid)

    async def close(self) -> None:
        await super().close()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.tutor.close()

    # -- shared behaviour -------------------------------------------------------------------
    async def post_to_ta(self, interaction: discord.Interaction, question_id: int) -> None:
        channel_id = self.settings.discord.ta_channel_id
        question = await self.run_blocking(self.tutor.feedback.question, question_id)
        channel = self.get_channel(channel_id) if channel_id else None
        if question is None or not isinstance(channel, discord.TextChannel):
            await interaction.response.send_message("Sorry, the TA channel isn't set up.", ephemeral=True)
            return
        role = discord.utils.get(channel.guild.roles, name=self.settings.discord.instructor_role)
        mention = role.mention if role else ""
        who = safe(interaction.user.display_name)
        text = clip(f"{mention} {who} asked: {safe(one_line(question))}", MESSAGE_LIMIT)
        allowed = SnowflakeMentions(everyone=False, users=False, roles=[role] if role else False)
        await channel.send(text, allowed_mentions=allowed)
        await interaction.response.send_message("Your question was passed on to the TAs.", ephemeral=True)

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """One place that answers the user instead of leaving "The application did not respond"."""
        cause = getattr(error, "original", error)
        if isinstance(cause, OnCooldown):
            text = f"Slow down a little: try again in {cause.retry_after:.0f} s."
        elif isinstance(cause, NotInstructor):
            text = f"Sorry, {cause}."
        elif isinstance(cause, UserError):
            text = f"Sorry: {cause}"
        else:
            log.exception("command failed", exc_info=cause)
            text = "Something went wrong on my side; the error was logged."
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException:
            log.warning("could not report an error to the user")


def run(config: Path | None = None) -> None:
    quiet_libraries()
    settings = load_settings(config)
    token = os.environ.get("DISCORD_TOKEN", "").strip()
    if not token:
        raise TutorError("set DISCORD_TOKEN in the environment to run the Discord bot")
    setup_logging(logging.INFO, settings.resolve(settings.discord.log_file))
    bot = TutorBot(settings, Tutor(settings))
    asyncio.run(serve(bot, token))


async def serve(bot: TutorBot, token: str) -> None:
    """Run until closed; SIGTERM and Ctrl-C close the bot, its executor and the database cleanly."""
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT)
    for sig in signals:
        loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
    try:
        async with bot:
            await bot.start(token)
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)


def sync_global(config: Path | None = None) -> int:
    """Register the commands globally (takes up to an hour to show everywhere)."""
    quiet_libraries()
    settings = load_settings(config)
    token = os.environ.get("DISCORD_TOKEN", "").strip()
    if not token:
        raise TutorError("set DISCORD_TOKEN in the environment to sync commands")

    async def main() -> int:
        bot = TutorBot(settings, Tutor(settings))
        for ext in EXTENSIONS:
            await bot.load_extension(ext)
        await bot.login(token)
        try:
            return len(await bot.tree.sync())
        finally:
            await bot.close()

    return asyncio.run(main())
