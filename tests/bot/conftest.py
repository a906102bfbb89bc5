from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.client import TutorBot
from knowledge.tutor import Tutor
from tests.fake_discord.harness import running_bot
from tests.fake_discord.server import FakeDiscord


@pytest_asyncio.fixture
async def discord_env(tmp_path: Path, real_tutor: Tutor) -> AsyncIterator[tuple[FakeDiscord, TutorBot]]:
    """The unmodified bot logged in to a fresh fake Discord; any API violation fails the test."""
    async with running_bot(tmp_path, real_tutor) as (fake, bot):
        yield fake, bot
        assert fake.violations == []
