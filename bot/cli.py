"""The ``tutor`` command line: the same Tutor the Discord bot uses, from a terminal."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from bot.render import answer_text, classify_text, compare_text, ngrams_text, search_text, tokenize_text
from bot.runtime import make_tutor
from knowledge.config import ConfigError
from knowledge.tutor import Tutor
from models.errors import UserError

app = typer.Typer(add_completion=False, no_args_is_help=False, help="The class tutor: ask the lectures.")
out = Console()
err = Console(stderr=True)
T = TypeVar("T")

ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="config file (default: ./config.toml)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="machine-readable output")]
_state: dict[str, Any] = {}


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except (UserError, ConfigError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", markup=True, highlight=False)
        raise typer.Exit(2) from None


def _tutor(warm: bool = True) -> Tutor:
    """This process's Tutor. Demos pass ``warm=False``: tokenizing a sentence needs no index."""
    if "tutor" not in _state:
        with _errors():
            _, _state["tutor"] = make_tutor(_state.get("config"))
    tutor: Tutor = _state["tutor"]
    if warm:
        with _errors():
            tutor.warm_up()
    return tutor


def _run(fn: Callable[[], T]) -> T:
    with _errors():
        return fn()


def _print_json(data: object) -> None:
    out.print_json(json.dumps(data, default=str, ensure_ascii=False))


def _show(as_json: bool, data: Callable[[], object], text: Callable[[], str]) -> None:
    """A command's result: JSON for ``--json``, else the same plain text the chat shows."""
    if as_json:
        _print_json(data())
    else:
        out.print(text(), highlight=False, markup=False)


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context, config: ConfigOpt = None) -> None:
    """Without a command: start the Discord bot when DISCORD_TOKEN is set, else the terminal chat."""
    _state["config"] = config
    if ctx.invoked_subcommand is None:
        if os.environ.get("DISCORD_TOKEN"):
            run_bot()
        else:
            chat()


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="lecture files (.md, .txt) or folders")]) -> None:
    """Add or update lectures (unchanged ones are skipped)."""
    tutor = _tutor()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err) as bar:
        tasks: dict[str, Any] = {}

        def progress(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"embedding {name}", total=total)
            bar.update(tasks[name], completed=done)

        for path in paths:
            for rep in _run(lambda p=path: tutor.ingest_path(p, progress)):  # type: ignore[misc]
                out.print(f"{rep.status:9} {rep.lecture} ({rep.passages} passages, {rep.seconds:.1f}s)")


@app.command()
def lectures(as_json: JsonOpt = False) -> None:
    """List the lectures the tutor knows."""
    rows = _run(_tutor().lectures)
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    table = Table("name", "title", "passages", "added")
    for r in rows:
        table.add_row(r.name, r.title, str(r.passages), r.added_at.strftime("%Y-%m-%d %H:%M"))
    out.print(table)


@app.command()
def remove(name: str) -> None:
    """Remove a lecture and its passages."""
    _run(lambda: _tutor().remove(name))
    out.print(f"removed {name}")


@app.command()
def search(
    query: str,
    k: Annotated[int | None, typer.Option("-k", help="how many passages")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Find lecture passages by meaning."""
    result = _run(lambda: _tutor().search(query, k))
    _show(as_json, result.to_dict, lambda: search_text(result))


@app.command()
def ask(question: str, as_json: JsonOpt = False) -> None:
    """Answer a question from the lectures, with a citation and a confidence."""
    answer = _run(lambda: _tutor().ask(question))
    _show(as_json, answer.to_dict, lambda: answer_text(answer, ("[", "]")))


StopOpt = Annotated[bool, typer.Option("--no-stopwords", help="remove English stopwords")]


@app.command()
def tokenize(
    text: str,
    no_stopwords: StopOpt = False,
    image: Annotated[Path | None, typer.Option(help="also draw the tokens into this PNG file")] = None,
    as_json: JsonOpt = False,
) -> None:
    """BERT WordPiece tokens and ids, and the lecture's vocabulary-index representation."""
    result = _run(lambda: _tutor(warm=False).tokenize(text, no_stopwords))
    if image is not None:
        from bot.ui.token_image import render_tokens

        image.write_bytes(render_tokens(result))
    _show(
        as_json,
        lambda: {
            "tokens": [p.token for p in result.pieces],
            "ids": [p.id for p in result.pieces],
            "count": result.count,
            "vocabulary": result.vocabulary,
            "indices": result.indices,
            "truncated": result.truncated,
        },
        lambda: tokenize_text(result),
    )


@app.command()
def ngrams(
    text: Annotated[str | None, typer.Argument(help="the text (or use --lecture)")] = None,
    n: Annotated[int, typer.Option("-n", help="1 to 5")] = 2,
    no_stopwords: StopOpt = False,
    chars: Annotated[bool, typer.Option("--chars", help="character n-grams")] = False,
    lecture: Annotated[str | None, typer.Option(help="a lecture's name instead of a text")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The most frequent word (or character) n-grams of a text or a lecture."""
    tutor = _tutor(warm=bool(lecture))
    result = _run(lambda: tutor.ngrams(text, n, no_stopwords, chars, lecture))
    _show(
        as_json,
        lambda: {"n": result.n, "unit": result.unit, "total": result.total, "counts": result.counts},
        lambda: ngrams_text(result),
    )


@app.command()
def compare(sentence_a: str, sentence_b: str, as_json: JsonOpt = False) -> None:
    """Bag-of-words vs. sentence-embedding similarity of two sentences."""
    result = _run(lambda: _tutor(warm=False).compare(sentence_a, sentence_b))
    _show(as_json, lambda: asdict(result), lambda: compare_text(result))


@app.command()
def classify(
    kind: Annotated[str, typer.Argument(help="humor or appropriateness")], text: str, as_json: JsonOpt = False
) -> None:
    """Is it funny? Is it appropriate? (small models: see /help for their limits)"""
    result = _run(lambda: _tutor(warm=False).classify(kind, text))
    _show(as_json, lambda: asdict(result), lambda: classify_text(result))


@app.command()
def quiz(
    lecture: Annotated[str | None, typer.Option(help="lecture name (default: the latest with key terms)")] = None,
    count: Annotated[int, typer.Option("--count", "-n", help="questions (1-20)")] = 5,
) -> None:
    """Review the key terms in the terminal, with spaced repetition."""
    from bot.chat import Chat

    session = Chat(_tutor())
    out.print(_run(lambda: session.start_quiz(lecture, count)), highlight=False, markup=False)
    while session.pending is not None:
        try:
            line = out.input("answer> ").strip()
        except (EOFError, KeyboardInterrupt):
            out.print("\nQuiz stopped; your answers so far are saved.")
            return
        out.print(session.answer(line), highlight=False, markup=False)


@app.command()
def progress(as_json: JsonOpt = False) -> None:
    """Your mastery of each key term (terminal quizzes)."""
    from bot.chat import terminal_student
    from bot.render import progress_text

    rows = _run(lambda: _tutor().quiz.progress(*terminal_student()))
    _show(as_json, lambda: [asdict(r) for r in rows], lambda: progress_text(rows))


@app.command(name="forget-me")
def forget_me() -> None:
    """Delete your terminal quiz history and schedule."""
    from bot.chat import terminal_student

    deleted = _run(lambda: _tutor().forget_me(*terminal_student()))
    out.print("Your data was deleted." if deleted else "There was nothing stored about you.")


@app.command(name="eval")
def eval_cmd(
    file: Path, as_json: JsonOpt = False, details: Annotated[bool, typer.Option(help="per question")] = False
) -> None:
    """EM/F1, recall@k, sentence accuracy, abstention and latency on a question file."""
    from knowledge.evaluation import evaluate, load_items

    items = _run(lambda: load_items(file))
    report, rows = _run(lambda: evaluate(_tutor(), items))
    if as_json:
        _print_json(report.to_dict())
        return
    if details:
        for row in rows:
            out.print(json.dumps(row, ensure_ascii=False), highlight=False, markup=False)
    table = Table("metric", "value")
    for key, value in report.to_dict().items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    out.print(table)


@app.command(name="train-reader", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train_reader(ctx: typer.Context) -> None:
    """Retrain the QA reader (see python -m models.training.train_reader --help)."""
    from models.training.train_reader import parse_args, train

    summary = train(parse_args(list(ctx.args)))
    out.print_json(json.dumps({k: v for k, v in summary.items() if k != "curve"}, default=str))


@app.command()
def chat() -> None:
    """Talk to the tutor in the terminal, with the same commands as in Discord."""
    from bot.chat import run_chat

    run_chat(_tutor(), out)


@app.command(name="bot")
def run_bot() -> None:
    """Run the Discord bot (needs DISCORD_TOKEN in the environment)."""
    try:
        from bot.client import run
    except ImportError as exc:  # pragma: no cover - the bot ships with the package
        err.print(f"error: the Discord bot is unavailable: {exc}")
        raise typer.Exit(2) from None
    with _errors():
        run(_state.get("config"))


@app.command(name="sync-commands")
def sync_commands() -> None:
    """Register the slash commands globally (guilds in config.toml get them at every start)."""
    from bot.client import sync_global

    with _errors():
        n = sync_global(_state.get("config"))
    out.print(f"synced {n} commands globally")


def entry() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    entry()
