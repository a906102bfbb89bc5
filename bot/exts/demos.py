"""Language demos: /tokenize, /ngrams, /compare, /classify (same code as the CLI's)."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import TutorBot
from bot.render import classify_text, compare_text, ngrams_text, tokenize_text
from bot.ui.embeds import MESSAGE_LIMIT, clip
from bot.ui.payloads import png_file
from bot.ui.token_image import render_tokens


def code_block(text: str) -> str:
    """Monospace block that user text cannot break out of."""
    body = text.replace("```", "ʼʼʼ")
    return "```\n" + clip(body, MESSAGE_LIMIT - 8) + "\n```"


class DemosCog(commands.Cog):
    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="tokenize", description="See how BERT splits your text into word pieces")
    @app_commands.describe(text="a sentence", stopwords="remove stopwords from the vocabulary-index view")
    async def tokenize(self, interaction: discord.Interaction, text: str, stopwords: bool = False) -> None:
        await interaction.response.defer(thinking=True)
        result = await self.bot.run_blocking(self.bot.tutor.tokenize, text, stopwords)
        png = await self.bot.run_blocking(render_tokens, result)
        await interaction.followup.send(code_block(tokenize_text(result)), file=png_file(png, "tokens.png"))

    @app_commands.command(name="ngrams", description="The most frequent n-grams of a text or a lecture")
    @app_commands.describe(
        text="a paragraph (or leave empty and name a lecture)",
        n="1 to 5",
        stopwords="remove stopwords",
        chars="character n-grams instead of words",
        lecture="a lecture's name",
    )
    async def ngrams(
        self,
        interaction: discord.Interaction,
        text: str | None = None,
        n: int = 2,
        stopwords: bool = False,
        chars: bool = False,
        lecture: str | None = None,
    ) -> None:
        await interaction.response.defer(thinking=True)
        result = await self.bot.run_blocking(self.bot.tutor.ngrams, text, n, stopwords, chars, lecture)
        await interaction.followup.send(code_block(ngrams_text(result)))

    @app_commands.command(name="compare", description="Bag of words vs. a contextual embedding")
    async def compare(self, interaction: discord.Interaction, sentence_a: str, sentence_b: str) -> None:
        await interaction.response.defer(thinking=True)
        result = await self.bot.run_blocking(self.bot.tutor.compare, sentence_a, sentence_b)
        await interaction.followup.send(code_block(compare_text(result)))

    @app_commands.command(name="classify", description="Is it funny? Is it appropriate?")
    async def classify(
        self, interaction: discord.Interaction, kind: Literal["humor", "appropriateness"], text: str
    ) -> None:
        await interaction.response.defer(thinking=True)
        result = await self.bot.run_blocking(self.bot.tutor.classify, kind, text)
        await interaction.followup.send(code_block(classify_text(result)))


async def setup(bot: TutorBot) -> None:
    await bot.add_cog(DemosCog(bot))
