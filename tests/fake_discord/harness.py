"""Start the unmodified bot against the fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import discord
import yarl

from bot.client import TutorBot
from knowledge.config import REPO_ROOT, Settings, load_settings
from knowledge.tutor import Tutor
from tests.fake_discord.server import CHANNEL_ID, GUILD_ID, TA_CHANNEL_ID, FakeDiscord


@contextlib.contextmanager
def pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST and gateway addresses at the fake for the duration."""
    old_base, old_gw = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base  # type: ignore[misc]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base  # type: ignore[misc]
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gw


def bot_settings(data_dir: Path, **env: str) -> Settings:
    overrides = {
        "TUTOR__PATHS__DATA_DIR": json.dumps(str(data_dir)),
        "TUTOR__DISCORD__GUILD_IDS": f"[{GUILD_ID}]",
        "TUTOR__DISCORD__TA_CHANNEL_ID": TA_CHANNEL_ID,
        "TUTOR__DISCORD__HELP_CHANNEL_IDS": f"[{CHANNEL_ID}]",
        "TUTOR__DISCORD__COOLDOWN_SECONDS": "0",
        "TUTOR__DISCORD__LOG_FILE": json.dumps(str(data_dir / "bot.log")),
    } | env
    return load_settings(REPO_ROOT / "config.toml", env=overrides)


@contextlib.asynccontextmanager
async def running_bot(
    data_dir: Path, models_from: Tutor | None = None, **env: str
) -> AsyncIterator[tuple[FakeDiscord, TutorBot]]:
    fake = FakeDiscord()
    await fake.start()
    settings = bot_settings(data_dir, **env)
    if models_from is not None:
        tutor = Tutor(settings, embedder=models_from.embedder, reader=models_from.reader)
    else:
        tutor = Tutor(settings)
    bot = TutorBot(settings, tutor)
    with pointed_at(fake):
        task = asyncio.create_task(bot.start("fake-token"))
        try:
            await asyncio.wait_for(fake.ready.wait(), 60)
            await asyncio.wait_for(bot.wait_until_ready(), 20)
            yield fake, bot
        finally:
            await bot.close()
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(task, 10)
            await fake.stop()
