"""Buttons under answers. Dynamic items keep working after a restart (state is in the custom id)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

if TYPE_CHECKING:
    from bot.client import TutorBot


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"tutor:vote:(?P<qid>\d+):(?P<value>up|down)"
):
    def __init__(self, question_id: int, value: str) -> None:
        self.question_id = question_id
        self.value = value
        super().__init__(
            discord.ui.Button(
                emoji="👍" if value == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"tutor:vote:{question_id}:{value}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        return cls(int(match["qid"]), match["value"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: TutorBot = interaction.client  # type: ignore[assignment]
        value = 1 if self.value == "up" else -1
        ok = await bot.run_blocking(bot.tutor.feedback.vote, self.question_id, str(interaction.user.id), value)
        text = "Thanks for the feedback!" if ok else "That answer is no longer on record."
        await interaction.response.send_message(text, ephemeral=True)


class AskTAButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"tutor:ta:(?P<qid>\d+)"):
    def __init__(self, question_id: int) -> None:
        self.question_id = question_id
        super().__init__(
            discord.ui.Button(label="Ask a TA", style=discord.ButtonStyle.primary, custom_id=f"tutor:ta:{question_id}")
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> AskTAButton:
        return cls(int(match["qid"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: TutorBot = interaction.client  # type: ignore[assignment]
        await bot.post_to_ta(interaction, self.question_id)


def answer_view(question_id: int, declined: bool, ta_enabled: bool) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton(question_id, "up"))
    view.add_item(VoteButton(question_id, "down"))
    if declined and ta_enabled:
        view.add_item(AskTAButton(question_id))
    return view
