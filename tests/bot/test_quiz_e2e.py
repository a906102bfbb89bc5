"""/quiz and friends through the fake Discord: buttons, the free-text modal, posts, privacy."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.client import TutorBot
from knowledge.schema import Attempt, QuizQuestion, QuizSession
from tests.fake_discord.helpers import buttons, callback, followup, opt
from tests.fake_discord.server import INSTRUCTOR_ROLE, STUDENT, STUDENT2, TEACHER

pytestmark = pytest.mark.e2e


def answer_of(bot: TutorBot, custom_id: str) -> int:
    qid = custom_id.split(":")[2]
    with bot.tutor.store.session() as s:
        row = s.get(QuizQuestion, qid)
        assert row is not None
        return row.answer_index


def attempts(bot: TutorBot) -> int:
    with bot.tutor.store.session() as s:
        return s.scalar(select(func.count(Attempt.id))) or 0


async def test_a_private_quiz_with_buttons_feedback_and_summary(discord_env) -> None:
    fake, bot = discord_env
    start = await fake.slash("quiz", [opt("count", 2, 4)])
    first = await followup(fake, start)
    assert callback(fake, start).body["data"]["flags"] & 64  # type: ignore[union-attr]
    assert first.body["flags"] & 64 and "Question 1 of 2" in first.body["embeds"][0]["title"]
    choices = buttons(first.body)
    assert [b["label"] for b in choices] == ["A", "B", "C", "D"]
    right = choices[answer_of(bot, choices[0]["custom_id"])]
    click = await fake.click(right["custom_id"], fake.message(first.body))
    update = await fake.wait_for(lambda: callback(fake, click))
    assert update.body["type"] == 7  # the quiz message turns into feedback + question 2
    embed = update.body["data"]["embeds"][0]
    assert "Question 2 of 2" in embed["title"] and "Right" in embed["fields"][0]["name"]
    assert "02 Language and BERT" in embed["fields"][0]["value"]  # the citation
    second = buttons(update.body["data"])
    wrong = second[(answer_of(bot, second[0]["custom_id"]) + 1) % 4]
    last = await fake.click(wrong["custom_id"], fake.message(update.body["data"]))
    done = await fake.wait_for(lambda: callback(fake, last))
    assert "1 of 2 right" in done.body["data"]["embeds"][0]["title"]
    assert done.body["data"]["components"] == []
    # a double click on an answered question records nothing more
    again = await fake.click(right["custom_id"], fake.message(first.body))
    dup = await fake.wait_for(lambda: callback(fake, again))
    assert "Already recorded" in dup.body["data"]["embeds"][0]["title"] and dup.body["data"]["flags"] & 64
    assert attempts(bot) == 2


async def test_someone_elses_buttons_are_refused(discord_env) -> None:
    fake, bot = discord_env
    start = await fake.slash("quiz", [opt("count", 1, 4)])
    first = await followup(fake, start)
    click = await fake.click(buttons(first.body)[0]["custom_id"], fake.message(first.body), u=STUDENT2)
    cb = await fake.wait_for(lambda: callback(fake, click))
    assert "someone else" in cb.body["data"]["content"] and attempts(bot) == 0


async def test_free_text_answers_go_through_a_modal(discord_env) -> None:
    fake, bot = discord_env
    views = bot.tutor.quiz.start(str(900000000000000100), STUDENT["id"], count=1, seed=1)
    from bot.ui.quiz import question_embed, question_view

    q = bot.tutor.quiz.question(views[0].id)
    with bot.tutor.store.session() as s:
        row = s.get(QuizQuestion, q.id)
        assert row is not None
        row.kind, row.options, row.answer_index = "free_text", "[]", -1
        s.commit()
    q = bot.tutor.quiz.question(views[0].id)
    view = question_view(q)
    message = fake.message(
        {
            "embeds": [question_embed(q).to_dict()],
            "components": view.to_components(),
        }
    )
    answer_button = f"tutor:qt:{q.id}"
    click = await fake.click(answer_button, message)
    modal = await fake.wait_for(lambda: callback(fake, click))
    assert modal.body["type"] == 9 and modal.body["data"]["custom_id"] == f"tutor:qm:{q.id}"
    too_long = await fake.submit_modal(f"tutor:qm:{q.id}", {"answer": "x " * 2500}, message)
    cb = await fake.wait_for(lambda: callback(fake, too_long))
    assert "characters long" in cb.body["data"]["content"] and attempts(bot) == 0
    click2 = await fake.click(answer_button, message)
    await fake.wait_for(lambda: callback(fake, click2))
    info = next(t for t in bot.tutor.quiz.terms("02-language-and-bert") if t.term == q.term)
    sub = await fake.submit_modal(f"tutor:qm:{q.id}", {"answer": info.definition.lower()}, message)
    done = await fake.wait_for(lambda: callback(fake, sub))
    assert "1 of 1 right" in done.body["data"]["embeds"][0]["title"] and attempts(bot) == 1


async def test_an_expired_quiz_is_explained(discord_env) -> None:
    fake, bot = discord_env
    start = await fake.slash("quiz", [opt("count", 1, 4)])
    first = await followup(fake, start)
    with bot.tutor.store.session() as s:
        for row in s.scalars(select(QuizSession)):
            row.expires_at = row.expires_at.replace(year=2000)
        s.commit()
    click = await fake.click(buttons(first.body)[0]["custom_id"], fake.message(first.body))
    cb = await fake.wait_for(lambda: callback(fake, click))
    assert "expired" in cb.body["data"]["content"] and attempts(bot) == 0


async def test_instructor_posts_a_review_and_each_student_gets_a_private_quiz(discord_env) -> None:
    fake, bot = discord_env
    refused = await fake.slash("term", [opt("lecture", "02-language-and-bert")], sub="post-quiz")
    cb = await fake.wait_for(lambda: callback(fake, refused))
    assert "Instructor role" in cb.body["data"]["content"]
    post = await fake.slash(
        "term", [opt("lecture", "02-language-and-bert")], u=TEACHER, roles=[INSTRUCTOR_ROLE], sub="post-quiz"
    )
    posted = await fake.wait_for(lambda: callback(fake, post))
    start = buttons(posted.body["data"])[0]
    assert start["custom_id"] == "tutor:qstart:02-language-and-bert"
    for u in (STUDENT, STUDENT2):
        click = await fake.click(start["custom_id"], fake.message(posted.body["data"]), u=u)
        private = await followup(fake, click)
        assert private.body["flags"] & 64 and "Question 1" in private.body["embeds"][0]["title"]
    with bot.tutor.store.session() as s:
        assert s.scalar(select(func.count(QuizSession.id))) == 2


async def test_term_add_progress_leaderboard_and_forget_me(discord_env) -> None:
    fake, bot = discord_env
    add = await fake.slash(
        "term",
        [
            opt("lecture", "02-language-and-bert"),
            opt("term", "Fine-tuning"),
            opt("definition", "Training a pretrained model further on one task."),
        ],
        u=TEACHER,
        roles=[INSTRUCTOR_ROLE],
        sub="add",
    )
    saved = await followup(fake, add)
    assert "Fine-tuning" in saved.body["content"]
    quiz = await fake.slash("quiz", [opt("count", 1, 4)])
    first = await followup(fake, quiz)
    click = await fake.click(buttons(first.body)[0]["custom_id"], fake.message(first.body))
    await fake.wait_for(lambda: callback(fake, click))
    prog = await fake.slash("progress")
    shown = await followup(fake, prog)
    assert any(v.startswith(b"\x89PNG") for v in shown.files.values())
    assert "key terms practised" in shown.body["embeds"][0]["description"]
    board = await fake.slash("leaderboard", [opt("join", True, 5)])
    cb = await fake.wait_for(lambda: callback(fake, board))
    assert "student" in cb.body["data"]["embeds"][0]["description"]
    gone = await fake.slash("forget-me")
    reply = await followup(fake, gone)
    assert "deleted" in reply.body["content"] and attempts(bot) == 0
