"""The ``tutor`` command line, on a fake-embedder tutor and (for ask) on the real one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import cli
from bot.chat import handle
from knowledge.tutor import Tutor

runner = CliRunner()


@pytest.fixture
def use(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def _use(tutor: Tutor) -> None:
        monkeypatch.setitem(cli._state, "tutor", tutor)

    yield _use
    cli._state.pop("tutor", None)


def test_lectures_table_and_json(fake_tutor: Tutor, use) -> None:
    use(fake_tutor)
    result = runner.invoke(cli.app, ["lectures"])
    assert result.exit_code == 0 and "02-language-and-bert" in result.output
    data = json.loads(runner.invoke(cli.app, ["lectures", "--json"]).output)
    assert data[0]["name"] == "02-language-and-bert" and data[0]["passages"] > 0


def test_search_prints_ranked_passages(fake_tutor: Tutor, use) -> None:
    use(fake_tutor)
    result = runner.invoke(cli.app, ["search", "learning rate batch size", "-k", "2"])
    assert result.exit_code == 0
    assert result.output.lstrip().startswith("1. [") and "\n2. [" in result.output
    data = json.loads(runner.invoke(cli.app, ["search", "learning rate", "-k", "2", "--json"]).output)
    assert [h["rank"] for h in data["hits"]] == [1, 2]
    assert {"lecture", "section", "score", "text"} <= set(data["hits"][0])
    assert data["read_as"] == ""
    typo = json.loads(runner.invoke(cli.app, ["search", "larger btaches", "--json"]).output)
    assert typo["query"] == "larger btaches" and typo["read_as"] == "larger batches"  # the course's word


def test_ingest_and_remove(fake_tutor: Tutor, use, tmp_path: Path) -> None:
    use(fake_tutor)
    path = tmp_path / "week-3.md"
    path.write_text("# Attention\n\nAttention weighs every token against every other token.\n")
    result = runner.invoke(cli.app, ["ingest", str(path)])
    assert result.exit_code == 0 and "added" in result.output and "week-3" in result.output
    assert "unchanged" in runner.invoke(cli.app, ["ingest", str(path)]).output
    assert runner.invoke(cli.app, ["remove", "week-3"]).exit_code == 0
    assert "week-3" not in runner.invoke(cli.app, ["lectures"]).output


def test_errors_are_messages_not_tracebacks(fake_tutor: Tutor, use, tmp_path: Path) -> None:
    use(fake_tutor)
    for args, text in (
        (["search", ""], "empty"),
        (["search", "x" * 10_000], "10,000 characters"),
        (["remove", "nope"], "no lecture named"),
        (["ingest", str(tmp_path / "missing.md")], "no such file"),
        (["search", "hello", "-k", "0"], "between 1 and 50"),
    ):
        result = runner.invoke(cli.app, args)
        assert result.exit_code == 2, args
        output = " ".join(result.output.split())  # rich wraps a long temporary path at any word
        assert text in output and "Traceback" not in output


def test_broken_config_stops_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text("[retrieval]\ntop_k = -3\n")
    cli._state.pop("tutor", None)
    result = runner.invoke(cli.app, ["--config", str(bad), "lectures"])
    unwrapped = "".join(result.output.split())  # rich may fold the long temporary path anywhere
    assert result.exit_code == 2 and "retrieval.top_k" in result.output and str(bad) in unwrapped


def test_ask_end_to_end_with_the_shipped_reader(real_tutor: Tutor, use) -> None:
    use(real_tutor)
    result = runner.invoke(cli.app, ["ask", "What is a key element of BERT?"])
    assert result.exit_code == 0 and "Pretraining" in result.output and "BERT" in result.output
    data = json.loads(runner.invoke(cli.app, ["ask", "Who won the 2018 football World Cup?", "--json"]).output)
    assert data["abstained"] is True and data["citation"]["lecture"] == "02-language-and-bert"
    typo = runner.invoke(cli.app, ["ask", "What do netwroks work on?"])
    out = " ".join(typo.output.split())
    assert "read as “What do networks work on?”" in out and "representations" in out


def test_eval_json_has_exactly_the_agreed_keys(real_tutor: Tutor, use, tmp_path: Path) -> None:
    use(real_tutor)
    qs = tmp_path / "q.jsonl"
    qs.write_text(
        '{"id": "a", "question": "What is a key element of BERT?", "answers": ["Pretraining"]}\n'
        '{"id": "b", "question": "What is the capital of France?", "answers": []}\n'
    )
    data = json.loads(runner.invoke(cli.app, ["eval", str(qs), "--json"]).output)
    assert set(data) == {
        "em",
        "f1",
        "recall_at_k",
        "sentence_accuracy",
        "abstain_accuracy",
        "false_abstain_rate",
        "latency_p50_ms",
        "latency_p95_ms",
        "n",
    }
    assert data["n"] == 2 and data["em"] == 1.0 and data["abstain_accuracy"] == 1.0


def test_terminal_chat_uses_the_same_commands(fake_tutor: Tutor) -> None:
    assert "/search" in (handle(fake_tutor, "/help") or "")
    assert (handle(fake_tutor, "/search learning rate") or "").startswith("1. [")
    assert "02-language-and-bert" in (handle(fake_tutor, "/lectures") or "")
    assert (handle(fake_tutor, "/search ") or "").startswith("Sorry")
    assert "Unknown command" in (handle(fake_tutor, "/dance") or "")
    assert handle(fake_tutor, "/quit") is None
    assert (handle(fake_tutor, "hi") or "").startswith("Hi! Ask me about the lectures")  # greeted, not searched
    assert "welcome" in (handle(fake_tutor, "thanks!") or "")
    overview = handle(fake_tutor, "What is this lecture about?") or ""
    assert overview.startswith("The lectures cover:") and "02 Language and BERT: " in overview
    assert "General rules · Let's talk about language" in overview


def test_demo_commands(fake_tutor: Tutor, use, tmp_path: Path) -> None:
    use(fake_tutor)
    result = runner.invoke(cli.app, ["tokenize", "unaffable", "--image", str(tmp_path / "t.png")])
    assert result.exit_code == 0 and "una ##ffa ##ble" in result.output
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    data = json.loads(runner.invoke(cli.app, ["tokenize", "I love dogs and dogs love snacks.", "--json"]).output)
    assert data["indices"] == [1, 2, 3, 4, 3, 2, 5]
    result = runner.invoke(cli.app, ["ngrams", "--lecture", "02-language-and-bert", "-n", "2", "--no-stopwords"])
    assert result.exit_code == 0 and "learning rate" in result.output
    for args, text in (
        (["ngrams", "some words", "-n", "9"], "1 to 5"),
        (["tokenize", ""], "empty"),
        (["ngrams", "-n", "2", "--lecture", "nope"], "no lecture named"),
        (["classify", "sarcasm", "hello"], "humor or appropriateness"),
    ):
        result = runner.invoke(cli.app, args)
        assert result.exit_code == 2 and text in result.output, args


def test_terminal_quiz_in_the_chat(real_tutor: Tutor, tmp_path: Path) -> None:
    from bot.chat import Chat
    from tests.conftest import make_settings

    tutor = Tutor(make_settings(tmp_path), embedder=real_tutor.embedder, reader=real_tutor.reader)
    tutor.warm_up()
    chat = Chat(tutor, user="tester")
    first = chat.handle("/quiz 2") or ""
    assert first.startswith("Question 1 of 2") and "  1. " in first
    assert "number from 1 to 4" in (chat.handle("banana") or "")
    second = chat.handle("1") or ""
    assert "Question 2 of 2" in second and ("Right" in second or "Not quite" in second)
    done = chat.handle("2") or ""
    assert "Quiz done" in done and chat.pending is None
    assert "box" in (chat.handle("/progress") or "")
    tutor.close()


def test_a_multiple_choice_reply_is_a_number_or_the_option_itself() -> None:
    from bot.chat import chosen_option

    options = ["Weight", "Layer", "Activation function", "Epoch"]
    assert chosen_option("2", options) == 1 and chosen_option(" 4. ", options) == 3
    assert chosen_option("1)", options) == 0
    assert chosen_option("layer", options) == 1 and chosen_option("Activation   Function.", options) == 2
    for reply in ("0", "5", "banana", "", "A", "lay"):
        assert chosen_option(reply, options) is None, reply
    assert chosen_option("layer", ["Layer", "layer"]) is None  # two alike: ask for the number


def test_quiz_and_progress_commands(real_tutor: Tutor, use, tmp_path: Path) -> None:
    from tests.conftest import make_settings

    tutor = Tutor(make_settings(tmp_path), embedder=real_tutor.embedder, reader=real_tutor.reader)
    tutor.warm_up()
    use(tutor)
    result = runner.invoke(cli.app, ["quiz", "-n", "2"], input="1\n9\n2\n")
    assert result.exit_code == 0 and "Quiz done" in result.output and "number from 1 to 4" in result.output
    data = json.loads(runner.invoke(cli.app, ["progress", "--json"]).output)
    assert sum(r["right"] + r["wrong"] for r in data) == 2
    assert "deleted" in runner.invoke(cli.app, ["forget-me"]).output
    tutor.close()


def test_quiz_errors_are_messages_not_tracebacks(fake_tutor: Tutor, use) -> None:
    use(fake_tutor)
    result = runner.invoke(cli.app, ["quiz", "-n", "50"])
    assert result.exit_code == 2 and "1 to 20 questions" in result.output and "Traceback" not in result.output
