"""Interactive terminal chat: the Discord commands, typed at a prompt."""

from __future__ import annotations

import getpass

from rich.console import Console

from bot.render import (
    answer_text,
    classify_text,
    compare_text,
    graded_text,
    ngrams_text,
    progress_text,
    question_text,
    search_text,
    tokenize_text,
)
from knowledge.quiz.engine import QuestionView
from knowledge.tutor import Tutor
from models.errors import UserError

HELP = """Commands:
  /ask QUESTION      answer from the lectures, cited, with a confidence (or just type the question;
                     "What is this lecture about?" lists the lectures' sections)
  /search QUERY      the most relevant lecture passages
  /lectures          the lectures the tutor knows
  /tokenize TEXT     BERT word pieces and the vocabulary-index representation
  /ngrams [N] TEXT   the most frequent word n-grams (N = 1..5, default 2)
  /compare A | B     bag-of-words vs. embedding similarity of two sentences
  /classify humor|appropriateness TEXT
  /quiz [N]          review N key terms (answer with the option number or your words)
  /progress          your mastery of each key term
  /help              this list
  /quit              leave"""


def terminal_student(user: str | None = None) -> tuple[str, str]:
    """Who a terminal user is to the quiz store: (guild, user)."""
    return "terminal", user or getpass.getuser()


class Chat:
    """Chat state: the quiz question waiting for an answer, if any. The CLI's ``tutor quiz`` uses it too."""

    def __init__(self, tutor: Tutor, user: str | None = None) -> None:
        self.tutor = tutor
        self.student = terminal_student(user)
        self.pending: QuestionView | None = None

    def start_quiz(self, lecture: str | None = None, count: int = 5) -> str:
        """Start a quiz and return its first question (raises the engine's errors)."""
        views = self.tutor.quiz.start(*self.student, lecture, count, name=self.student[1])
        self.pending = views[0]
        return question_text(views[0])

    def handle(self, line: str) -> str | None:
        line = line.strip()
        if self.pending is not None and line and not line.startswith("/"):
            return self.answer(line)
        if line.startswith("/quiz"):
            arg = line.removeprefix("/quiz").strip()
            try:
                return self.start_quiz(count=int(arg) if arg.isdigit() else 5)
            except UserError as exc:
                return f"Sorry: {exc}"
        if line == "/progress":
            return progress_text(self.tutor.quiz.progress(*self.student))
        return handle(self.tutor, line)

    def answer(self, line: str) -> str:
        """Grade a reply to the pending question; the text shows the feedback and the next question."""
        q = self.pending
        assert q is not None
        if q.options:
            choice = chosen_option(line, q.options)
            if choice is None:
                return f"Type a number from 1 to {len(q.options)}, or the option itself."
            line = str(choice)
        try:
            graded = self.tutor.quiz.answer(q.id, *self.student, line)
        except UserError as exc:
            return f"Sorry: {exc}"
        self.pending = graded.next_question
        text = graded_text(graded)
        return text + ("\n\n" + question_text(self.pending) if self.pending else "")


def chosen_option(reply: str, options: list[str]) -> int | None:
    """The 0-based option a typed reply picks: its number ("2", "2."), or its text ("layer"), else None."""
    number = reply.strip().rstrip(".)")
    if number.isdigit():
        return int(number) - 1 if 1 <= int(number) <= len(options) else None
    typed = " ".join(reply.casefold().strip(" .!").split())
    matches = [i for i, option in enumerate(options) if " ".join(option.casefold().split()) == typed]
    return matches[0] if len(matches) == 1 else None


def handle(tutor: Tutor, line: str) -> str | None:
    """One chat line in, the reply out (None means quit). Pure, so it is easy to test."""
    line = line.strip()
    if not line:
        return ""
    cmd, _, rest = line.partition(" ") if line.startswith("/") else ("/ask", "", line)
    try:
        if cmd in ("/quit", "/exit"):
            return None
        if cmd == "/help":
            return HELP
        if cmd == "/ask":
            return tutor.chat_reply(rest) or answer_text(tutor.ask(rest))
        if cmd == "/search":
            return search_text(tutor.search(rest))
        if cmd == "/tokenize":
            return tokenize_text(tutor.tokenize(rest))
        if cmd == "/ngrams":
            first, _, tail = rest.partition(" ")
            n, text = (int(first), tail) if first.isdigit() else (2, rest)
            return ngrams_text(tutor.ngrams(text, n))
        if cmd == "/compare":
            a, sep, b = rest.partition("|")
            if not sep:
                return "Usage: /compare first sentence | second sentence"
            return compare_text(tutor.compare(a, b))
        if cmd == "/classify":
            kind, _, text = rest.partition(" ")
            return classify_text(tutor.classify(kind, text))
        if cmd == "/lectures":
            rows = tutor.lectures()
            return "\n".join(f"{r.name}: {r.title} ({r.passages} passages)" for r in rows) or "No lectures yet."
    except UserError as exc:
        return f"Sorry: {exc}"
    return f"Unknown command {cmd}. Type /help for the list."


def run_chat(tutor: Tutor, console: Console) -> None:
    console.print("Class tutor — ask about the lectures. Type /help for commands, /quit to leave.")
    tutor.warm_up(reader=True)
    chat = Chat(tutor)
    while True:
        try:
            line = console.input("[bold]you>[/bold] ")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        reply = chat.handle(line)
        if reply is None:
            return
        if reply:
            console.print(reply, highlight=False, markup=False)
