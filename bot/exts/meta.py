"""/help: what the tutor can do, and what its models can and cannot do."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import TutorBot

HELP = {
    "/ask question [private]": "An answer quoted from the lectures, with its sentence, source and confidence. "
    "When the lectures don't cover it, the tutor says so and offers to pass the question to a TA. "
    "“What is this lecture about?” lists the lectures' sections.",
    "/search query [k]": "The lecture passages closest in meaning to your query.",
    "/tokenize text": "BERT's word pieces and ids, the lecture's vocabulary-index view, and a picture.",
    "/ngrams text|lecture [n]": "The most frequent word or character n-grams.",
    "/compare a b": "Bag-of-words vs. sentence-embedding similarity.",
    "/classify humor|appropriateness text": "A humor score with the nearest known joke, or an offensive-language "
    "score.",
    "/quiz [lecture] [count]": "A private key-term review with buttons; missed terms come back first (spaced "
    "repetition).",
    "/progress · /leaderboard [join] · /forget-me": "Your mastery chart; the opt-in board; delete your data.",
    "/term add · /term post-quiz": "Instructors: add key terms; post a review that starts private quizzes.",
    "/lecture add|list|remove": "Instructors: manage the course material (.md or .txt uploads).",
    "/stats": "Instructors: questions asked, share declined, lowest-confidence and frequent questions, votes.",
}
LIMITS = (
    "Answers are spans copied from the lectures by a small BERT reader (MiniLM, trained on SQuAD): it "
    "finds facts stated in the text, it does not explain, summarise or reason beyond it, and it can "
    "pick the wrong span — check the quoted sentence. Confidence is calibrated, not a guarantee. "
    "Humor: trained on written jokes vs. plain sentences; it spots joke-shaped text (puns, set-up and "
    "punchline), not irony, situational or sitcom humor. Appropriateness: a word-based offensive-language "
    "model; it misses insults without swear words and can flag harmless quotes."
)


class MetaCog(commands.Cog):
    def __init__(self, bot: TutorBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What the tutor can do")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="Class tutor", colour=0x1565C0)
        for name, text in HELP.items():
            embed.add_field(name=name, value=text, inline=False)
        embed.add_field(name="What the models can and cannot do", value=LIMITS, inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: TutorBot) -> None:
    await bot.add_cog(MetaCog(bot))
