"""Students' commands: /ask and /search, and questions by mention in help channels."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import TutorBot
from bot.ui.embeds import MESSAGE_LIMIT, answer_embed, clip, safe, search_embed
from bot.ui.payloads import SnowflakeReference
from bot.ui.views import answer_view
from knowledge.results import Answer
from knowledge.tutor import check_query
from models.errors import UserError


class AskCog(commands.Cog):
    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    def _answer(self, question: str, guild_id: str, user_id: str) -> tuple[Answer, int] | str:
        """Runs in the model executor: a chat reply ("hi", "What is this lecture about?"), or the answer, logged."""
        reply = self.bot.tutor.chat_reply(question)
        if reply is not None:
            return clip(safe(reply), MESSAGE_LIMIT)
        answer = self.bot.tutor.ask(question)
        qid = self.bot.tutor.feedback.record(answer, guild_id, user_id)
        return answer, qid

    @app_commands.command(name="ask", description="Ask a question about the lectures")
    @app_commands.describe(question="your question", private="only you see the answer")
    async def ask(self, interaction: discord.Interaction, question: str, private: bool = False) -> None:
        self.bot.cooldown.hit(interaction.user.id)
        check_query(question)
        await interaction.response.defer(ephemeral=private, thinking=True)
        result = await self.bot.run_blocking(
            self._answer, question, str(interaction.guild_id or ""), str(interaction.user.id)
        )
        if isinstance(result, str):
            await interaction.followup.send(result, ephemeral=private)
            return
        answer, qid = result
        ta = bool(self.bot.settings.discord.ta_channel_id)
        await interaction.followup.send(
            embed=answer_embed(answer), view=answer_view(qid, answer.abstained, ta), ephemeral=private
        )

    @app_commands.command(name="search", description="Find the lecture passages about a topic")
    @app_commands.describe(query="what to look for", k="how many passages (1-10)")
    async def search(self, interaction: discord.Interaction, query: str, k: app_commands.Range[int, 1, 10] = 3) -> None:
        self.bot.cooldown.hit(interaction.user.id)
        check_query(query, "query")
        await interaction.response.defer(thinking=True)
        result = await self.bot.run_blocking(self.bot.tutor.search, query, k)
        await interaction.followup.send(embed=search_embed(result))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        cfg = self.bot.settings.discord
        me = self.bot.user
        if (
            message.author.bot
            or me is None
            or message.channel.id not in cfg.help_channel_ids
            or me not in message.mentions
        ):
            return
        question = message.content.replace(me.mention, "").replace(f"<@!{me.id}>", "").strip()
        try:
            self.bot.cooldown.hit(message.author.id)
            check_query(question)
        except UserError as exc:
            await message.channel.send(f"Sorry: {exc}", reference=self._reply_to(message))
            return
        except app_commands.CheckFailure:
            return
        async with message.channel.typing():
            result = await self.bot.run_blocking(
                self._answer, question, str(message.guild.id if message.guild else ""), str(message.author.id)
            )
        if isinstance(result, str):
            await message.channel.send(result, reference=self._reply_to(message))
            return
        answer, qid = result
        await message.channel.send(
            embed=answer_embed(answer),
            view=answer_view(qid, answer.abstained, bool(cfg.ta_channel_id)),
            reference=self._reply_to(message),
        )

    @staticmethod
    def _reply_to(message: discord.Message) -> SnowflakeReference:
        return SnowflakeReference.from_message(message, fail_if_not_exists=False)


async def setup(bot: TutorBot) -> None:
    await bot.add_cog(AskCog(bot))
