"""Every command, button and error path through the loopback fake Discord, with the real models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from knowledge.schema import Vote
from knowledge.tutor import Tutor
from tests.fake_discord.harness import running_bot
from tests.fake_discord.helpers import callback, followup, opt
from tests.fake_discord.server import INSTRUCTOR_ROLE, STUDENT2, TA_CHANNEL_ID, TEACHER, FakeDiscord

pytestmark = pytest.mark.e2e


async def test_commands_are_synced_to_the_configured_guild(discord_env) -> None:
    fake, _ = discord_env
    put = next(r for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands"))
    names = {c["name"] for c in put.body}
    assert {"ask", "search", "lecture", "stats", "help"} <= names
    lecture = next(c for c in put.body if c["name"] == "lecture")
    assert lecture["default_member_permissions"] is not None


async def test_ask_is_answered_and_cited(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("ask", [opt("question", "How many parameters does BERT_BASE contain?")])
    msg = await followup(fake, payload)
    first = callback(fake, payload)
    assert first is not None and first.body["type"] == 5  # deferred first
    embed = msg.body["embeds"][0]
    assert "**110M**" in embed["description"]
    assert any(f["name"] == "Source" and "BERT" in f["value"] for f in embed["fields"])
    assert any(f["name"] == "Confidence" and "%" in f["value"] for f in embed["fields"])
    assert msg.body["allowed_mentions"] == {"parse": []}


async def test_a_question_read_with_a_typo_corrected_says_so(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("ask", [opt("question", "What do netwroks work on?")])
    embed = (await followup(fake, payload)).body["embeds"][0]
    assert embed["title"] == "What do netwroks work on?"
    assert embed["author"]["name"] == "Read as: What do networks work on?"
    assert "**representations**" in embed["description"]


async def test_declined_question_offers_a_ta_who_gets_it(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("ask", [opt("question", "What is the capital of France? @everyone")])
    msg = await followup(fake, payload)
    assert "not" in msg.body["embeds"][0]["description"] or "covered" in msg.body["embeds"][0]["description"]
    buttons = [c for row in msg.body["components"] for c in row["components"]]
    ta = next(b for b in buttons if b.get("label") == "Ask a TA")
    message = fake.message(msg.body)
    click = await fake.click(ta["custom_id"], message)
    post = await fake.wait_for(
        lambda: next((r for r in fake.requests if r.path == f"/channels/{TA_CHANNEL_ID}/messages"), None)
    )
    assert f"<@&{INSTRUCTOR_ROLE}>" in post.body["content"]
    assert [str(r) for r in post.body["allowed_mentions"]["roles"]] == [INSTRUCTOR_ROLE]
    assert post.body["allowed_mentions"].get("parse", []) == []
    assert callback(fake, click) is not None


async def test_votes_are_stored_once_per_user(discord_env) -> None:
    fake, bot = discord_env
    payload = await fake.slash("ask", [opt("question", "What is a key element of BERT?")])
    msg = await followup(fake, payload)
    buttons = [c for row in msg.body["components"] for c in row["components"]]
    up = next(b for b in buttons if b["custom_id"].endswith(":up"))
    down = next(b for b in buttons if b["custom_id"].endswith(":down"))
    message = fake.message(msg.body)
    first = await fake.click(up["custom_id"], message)
    await fake.wait_for(lambda: callback(fake, first))
    second = await fake.click(down["custom_id"], message)
    await fake.wait_for(lambda: callback(fake, second))
    other = await fake.click(up["custom_id"], message, u=STUDENT2)
    await fake.wait_for(lambda: callback(fake, other))
    with bot.tutor.store.session() as s:
        votes = sorted((v.user_id, v.value) for v in s.scalars(select(Vote)))
    assert len(votes) == 2 and sorted(v for _, v in votes) == [-1, 1]


async def test_search_lists_cited_passages(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("search", [opt("query", "learning rate"), opt("k", 2, 4)])
    msg = await followup(fake, payload)
    fields = msg.body["embeds"][0]["fields"]
    assert len(fields) == 2 and fields[0]["name"].startswith("1. ")
    typo = await followup(fake, await fake.slash("search", [opt("query", "larger btaches")]))
    assert typo.body["embeds"][0]["author"]["name"] == "Read as: larger batches"


async def test_help_lists_commands_and_limits(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("help")
    cb = await fake.wait_for(lambda: callback(fake, payload))
    text = str(cb.body)
    assert "/ask" in text and "cannot" in text


async def test_a_student_is_refused_instructor_commands(discord_env) -> None:
    fake, bot = discord_env
    before = bot.tutor.lectures()
    att = fake.attachment("evil.md", b"# Evil\n\nNothing.\n")
    for name, sub, opts in (
        ("lecture", "add", [opt("file", att["id"], 11)]),
        ("lecture", "remove", [opt("name", "02-language-and-bert")]),
        ("stats", None, []),
    ):
        payload = await fake.slash(name, opts, sub=sub, resolved={"attachments": {att["id"]: att}})
        cb = await fake.wait_for(lambda p=payload: callback(fake, p))
        assert "Instructor role" in cb.body["data"]["content"]
        assert cb.body["data"]["flags"] & 64  # ephemeral
    assert bot.tutor.lectures() == before


async def upload(fake: FakeDiscord, att: dict[str, Any]) -> dict[str, Any]:
    """An instructor's /lecture add with the given attachment."""
    return await fake.slash(
        "lecture",
        [opt("file", att["id"], 11)],
        u=TEACHER,
        roles=[INSTRUCTOR_ROLE],
        sub="add",
        resolved={"attachments": {att["id"]: att}},
    )


async def test_an_uploaded_lecture_is_then_found_by_ask(discord_env) -> None:
    fake, _ = discord_env
    text = b"# Attention\n\nSelf-attention was introduced by Vaswani and colleagues in 2017.\n"
    payload = await upload(fake, fake.attachment("03-attention.md", text))
    done = await fake.wait_for(
        lambda: next(
            (
                r
                for r in fake.for_interaction(payload)
                if r.method == "PATCH" and "Added" in (r.body or {}).get("content", "")
            ),
            None,
        ),
        30,
    )
    assert "03-attention" in done.body["content"]
    ask = await fake.slash("ask", [opt("question", "Who introduced self-attention?")])
    msg = await followup(fake, ask)
    assert "Vaswani" in msg.body["embeds"][0]["description"]
    stats = await fake.slash("stats", u=TEACHER, roles=[INSTRUCTOR_ROLE])
    cb = await fake.wait_for(lambda: callback(fake, stats))
    assert cb.body["data"]["embeds"][0]["fields"][0]["value"] == "1"


async def test_oversize_and_wrong_type_uploads_are_refused(discord_env) -> None:
    fake, bot = discord_env
    before = bot.tutor.lectures()
    big = fake.attachment("big.md", b"word " * 300_000)
    pdf = fake.attachment("slides.pdf", b"%PDF-1.4", "application/pdf")
    for att, text in ((big, "upload limit"), (pdf, "Markdown")):
        payload = await upload(fake, att)
        cb = await fake.wait_for(lambda p=payload: callback(fake, p))
        assert text in cb.body["data"]["content"]
    assert bot.tutor.lectures() == before


async def test_long_questions_get_a_clear_message(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("ask", [opt("question", "why " * 1000)])
    cb = await fake.wait_for(lambda: callback(fake, payload))
    assert "characters long" in cb.body["data"]["content"]


async def test_a_greeting_or_an_overview_question_is_answered_privately_not_searched(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("ask", [opt("question", "hi!"), opt("private", True)])
    msg = await followup(fake, payload)
    assert msg.body["content"].startswith("Hi! Ask me about the lectures") and "embeds" not in msg.body
    assert msg.body["flags"] & 64  # asked privately: only the student sees it
    payload = await fake.slash("ask", [opt("question", "What topics does the course cover?")])
    content = (await followup(fake, payload)).body["content"]
    assert "02 Language and BERT: " in content and "General rules" in content and len(content) <= 2000
    assert fake.violations == []


async def test_mentions_in_questions_ping_nobody(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("ask", [opt("question", "@everyone what is a key element of BERT? <@123> <@&456>")])
    msg = await followup(fake, payload)
    assert msg.body["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in msg.body["embeds"][0]["title"].replace("@\u200beveryone", "")


async def test_cooldown_gives_a_friendly_private_reply(tmp_path: Path, real_tutor: Tutor) -> None:
    async with running_bot(tmp_path, real_tutor, TUTOR__DISCORD__COOLDOWN_SECONDS="60") as (fake, _):
        first = await fake.slash("search", [opt("query", "learning rate")])
        await followup(fake, first)
        second = await fake.slash("search", [opt("query", "batch size")])
        cb = await fake.wait_for(lambda: callback(fake, second))
        assert "Slow down" in cb.body["data"]["content"] and cb.body["data"]["flags"] & 64
        assert fake.violations == []


async def test_tokenize_replies_with_tokens_and_a_picture(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("tokenize", [opt("text", "unaffable ```@everyone```")])
    msg = await followup(fake, payload)
    assert "una ##ffa ##ble" in msg.body["content"]
    assert any(v.startswith(b"\x89PNG") for v in msg.files.values())
    assert msg.body["allowed_mentions"] == {"parse": []}
    assert msg.body["content"].count("```") == 2


async def test_ngrams_compare_and_classify(discord_env) -> None:
    fake, _ = discord_env
    checks = [
        ("ngrams", [opt("text", "I love dogs and dogs love snacks."), opt("n", 1, 4)], "love"),
        (
            "ngrams",
            [opt("lecture", "02-language-and-bert"), opt("n", 2, 4), opt("stopwords", True, 5)],
            "learning rate",
        ),
        (
            "compare",
            [opt("sentence_a", "Mary asked John to leave."), opt("sentence_b", "Mary asked to leave John.")],
            "1.000",
        ),
        (
            "classify",
            [opt("kind", "humor"), opt("text", "Not to brag, but I'm fluent in 10 languages. English and Binary.")],
            "funny",
        ),
        ("classify", [opt("kind", "appropriateness"), opt("text", "Thanks for the great lecture")], "appropriate"),
    ]
    for name, opts, expected in checks:
        payload = await fake.slash(name, opts)
        msg = await followup(fake, payload)
        assert expected in msg.body["content"], (name, msg.body["content"])


async def test_demo_errors_are_explained(discord_env) -> None:
    fake, _ = discord_env
    payload = await fake.slash("ngrams", [opt("text", "some words"), opt("n", 9, 4)])
    msg = await followup(fake, payload)
    assert "1 to 5" in msg.body["content"]


async def test_mentioning_the_bot_in_a_help_channel_asks_a_question(tmp_path: Path, real_tutor: Tutor) -> None:
    from tests.fake_discord.server import APP_ID, CHANNEL_ID

    async with running_bot(tmp_path, real_tutor, TUTOR__DISCORD__MESSAGE_CONTENT_INTENT="true") as (fake, _):
        mid = await fake.post_message(f"<@{APP_ID}> How many parameters does BERT_BASE contain? @everyone")
        reply = await fake.wait_for(
            lambda: next((r for r in fake.requests if r.path == f"/channels/{CHANNEL_ID}/messages"), None), 30
        )
        assert "**110M**" in reply.body["embeds"][0]["description"]
        assert reply.body["message_reference"]["message_id"] == mid
        assert reply.body["allowed_mentions"]["parse"] == [] and not reply.body["allowed_mentions"].get("replied_user")
        await fake.post_message("no mention here", mentions_bot=False)
        await fake.post_message(f"<@{APP_ID}>   ")
        empty = await fake.wait_for(
            lambda: [r for r in fake.requests if r.path == f"/channels/{CHANNEL_ID}/messages"][1:], 30
        )
        assert "empty" in empty[0].body["content"]
        assert fake.violations == []


async def test_the_token_never_reaches_the_logs(tmp_path: Path, real_tutor: Tutor) -> None:
    import logging

    from bot.runtime import setup_logging

    log_file = tmp_path / "bot.log"
    setup_logging(logging.DEBUG, log_file)
    try:
        async with running_bot(tmp_path, real_tutor) as (fake, _):
            payload = await fake.slash("ask", [opt("question", "What is a key element of BERT?")])
            await followup(fake, payload)
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        setup_logging(logging.WARNING)
    text = log_file.read_text()
    assert "INTERACTION_CREATE" in text or "interaction" in text.lower()  # the debug log was written
    assert "fake-token" not in text


async def test_instructor_lists_and_removes_lectures(discord_env) -> None:
    fake, bot = discord_env
    listing = await fake.slash("lecture", u=TEACHER, roles=[INSTRUCTOR_ROLE], sub="list")
    cb = await fake.wait_for(lambda: callback(fake, listing))
    assert "02-language-and-bert" in cb.body["data"]["content"] and cb.body["data"]["flags"] & 64
    unknown = await fake.slash("lecture", [opt("name", "nope")], u=TEACHER, roles=[INSTRUCTOR_ROLE], sub="remove")
    msg = await followup(fake, unknown)
    assert "no lecture named 'nope'" in msg.body["content"]
    gone = await fake.slash(
        "lecture", [opt("name", "02-language-and-bert")], u=TEACHER, roles=[INSTRUCTOR_ROLE], sub="remove"
    )
    done = await followup(fake, gone)
    assert "Removed" in done.body["content"] and bot.tutor.lectures() == []
    ask = await fake.slash("ask", [opt("question", "What is BERT?")])
    reply = await followup(fake, ask)
    assert "covered" in reply.body["embeds"][0]["description"]


async def test_sigterm_closes_the_bot_the_executor_and_the_database(tmp_path: Path, real_tutor: Tutor) -> None:
    import asyncio
    import os
    import signal

    from bot.client import TutorBot, serve
    from tests.fake_discord.harness import bot_settings, pointed_at
    from tests.fake_discord.server import FakeDiscord

    fake = FakeDiscord()
    await fake.start()
    settings = bot_settings(tmp_path)
    bot = TutorBot(settings, Tutor(settings, embedder=real_tutor.embedder, reader=real_tutor.reader))
    with pointed_at(fake):
        task = asyncio.create_task(serve(bot, "fake-token"))
        await asyncio.wait_for(fake.ready.wait(), 60)
        await asyncio.wait_for(bot.wait_until_ready(), 20)
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(task, 20)
    await fake.stop()
    assert bot.is_closed()
    assert bot.executor._shutdown  # type: ignore[attr-defined]
    assert bot.tutor._store is None
