"""Server-side permission checks and per-user cooldowns for slash commands."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.client import TutorBot


class NotInstructor(app_commands.CheckFailure):
    pass


class OnCooldown(app_commands.CheckFailure):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after:.0f}s")
        self.retry_after = retry_after


def has_role(user: discord.abc.User, role_name: str) -> bool:
    roles = getattr(user, "roles", None) or []
    return any(r.name == role_name for r in roles)


def require_instructor(interaction: discord.Interaction, role_name: str) -> None:
    """Refuse anyone without the instructor role, whatever Discord's permission hints allowed."""
    if interaction.guild is None or not has_role(interaction.user, role_name):
        raise NotInstructor(f"only members with the {role_name} role can do this")


class Cooldown:
    """At most one use per ``seconds`` per user; fixed window, in memory."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._last: dict[int, float] = {}

    def hit(self, user_id: int) -> None:
        if self.seconds <= 0:
            return
        now = time.monotonic()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            raise OnCooldown(self.seconds - (now - last))
        self._last[user_id] = now


class InstructorGroup(app_commands.Group):
    """A top-level command group for instructors.

    Discord's permission hint (``default_permissions``) only works on top-level commands and only hides
    them; ``interaction_check`` refuses everyone without the instructor role on the server side too.
    """

    def __init__(self, bot: TutorBot, name: str, description: str) -> None:
        super().__init__(
            name=name,
            description=description,
            default_permissions=discord.Permissions(manage_guild=True),
            guild_only=True,
        )
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        require_instructor(interaction, self.bot.settings.discord.instructor_role)
        return True
