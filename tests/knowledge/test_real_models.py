"""Search and ask with the real packaged embedder and the shipped reader (loaded once)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from knowledge.evaluation import EvalItem, evaluate, load_items
from knowledge.tutor import Tutor
from models.qa_metrics import contains_answer
from models.reader import ReaderSpan
from tests.conftest import dev_items


def test_gold_passages_rank_in_the_top_three(real_tutor: Tutor) -> None:
    answerable = [item for item in dev_items() if item["answers"]]
    found = 0
    for item in answerable:
        hits = real_tutor.search(item["question"], k=3).hits
        found += any(contains_answer(h.passage.text, item["answers"]) for h in hits)
    assert found >= 8
    assert found / len(answerable) >= 0.9


def test_search_scores_are_cosines(real_tutor: Tutor) -> None:
    hits = real_tutor.search("What does BERT condition on?", k=5).hits
    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert all(-1.0 <= h.score <= 1.0 for h in hits)
    assert hits[0].passage.section == "BERT"


def test_ask_answers_with_a_span_its_sentence_and_a_citation(real_tutor: Tutor) -> None:
    ans = real_tutor.ask("How many parameters does BERT_BASE contain?")
    assert not ans.abstained
    assert ans.text == "110M"
    s, e = ans.answer_in_sentence
    assert ans.sentence[s:e] == "110M"
    assert ans.citation is not None and ans.citation.section == "BERT"
    assert ans.citation.lecture == "02-language-and-bert"
    assert 0.0 < ans.confidence <= 1.0
    assert ans.passage is not None  # the sentence is the passage's, as read: list markers dropped
    assert set(re.findall(r"\w+", ans.sentence)) <= set(re.findall(r"\w+", ans.passage.text))


def test_off_topic_questions_are_declined_with_the_closest_passage(real_tutor: Tutor) -> None:
    for question in ("What is the capital of France?", "How do I bake sourdough bread?"):
        ans = real_tutor.ask(question)
        assert ans.abstained and ans.text == ""
        assert ans.passage is not None
        # the closest passage's sentence nearest the question, as the reader reads it
        assert ans.sentence and set(re.findall(r"\w+", ans.sentence)) <= set(re.findall(r"\w+", ans.passage.text))


def test_quality_floor_on_our_own_lecture_questions(real_tutor: Tutor) -> None:
    """38 student-style questions written for this project (30 answerable, 8 off-topic).

    Not the shared dev set: a second sample of the same kind, so a change that helps one set and
    hurts the other shows up. Floors sit below what the shipped tutor measures (F1 0.86, EM 0.80,
    recall@3 1.0, sentence accuracy 0.93, abstention 1.0, false abstention 0.03).
    """
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "lecture_questions.jsonl"))
    assert report.f1 >= 0.7 and report.em >= 0.6
    assert report.recall_at_k >= 0.95
    assert report.sentence_accuracy >= 0.75
    assert report.abstain_accuracy >= 0.9
    assert report.false_abstain_rate <= 0.2


def test_a_third_sample_of_lecture_questions_asked_plainly_or_citing_the_lecture(real_tutor: Tutor) -> None:
    """38 more questions (33 answerable, 5 off-topic), written after the reader's rules were.

    The shipped tutor measures EM 0.88, F1 0.90, sentence accuracy 0.94, abstention 1.0, false
    abstention 0.0. Asked "according to the lecture" or "in the slides" the answers are the same:
    before those references were taken off, "What is a model according to the lecture?" read
    "pretrained models" from the Stanford lecture's link line.
    """
    items = load_items(Path(__file__).parents[1] / "data" / "lecture_questions_c.jsonl")
    report, plain = evaluate(real_tutor, items)
    assert report.f1 >= 0.75 and report.em >= 0.65 and report.recall_at_k >= 0.95
    assert report.abstain_accuracy >= 0.9 and report.false_abstain_rate <= 0.15
    for wrap in (lambda q: f"According to the lecture, {q}", lambda q: q.rstrip("?") + " in the slides?"):
        _, cited = evaluate(real_tutor, [EvalItem(i.id, wrap(i.question), i.answers) for i in items])
        assert [(d["answer"], d["abstained"]) for d in cited] == [(d["answer"], d["abstained"]) for d in plain]


def test_two_more_samples_with_list_places_requests_and_links(real_tutor: Tutor) -> None:
    """38 questions written before the rules for places in lists, listed questions and links
    (``lecture_questions_d``), and 43 after them (``_e``: plain ones, requests such as "Name a
    drawback of LSTMs.", places, where-to-go). The shipped tutor measures EM 0.82 / 0.73, F1
    0.85 / 0.83, abstention 1.0 / 1.0, false abstention 0.09 / 0.08 (before those rules: EM
    0.67 / 0.68, F1 0.76 / 0.75; abstention 0.80 before the notes' own questions were no longer
    answered from their list).
    """
    for name in ("lecture_questions_d.jsonl", "lecture_questions_e.jsonl"):
        report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / name))
        assert report.em >= 0.65 and report.f1 >= 0.72 and report.recall_at_k >= 0.9
        assert report.abstain_accuracy >= 0.8 and report.false_abstain_rate <= 0.15


def test_two_samples_written_in_a_later_session(real_tutor: Tutor) -> None:
    """42 questions written before that session's changes (``lecture_questions_f``: paraphrases,
    places, links, yes/no) and 32 after them in the shared dev set's style (``_g``). The shipped
    tutor measures EM 0.75 / 0.75, F1 0.80 / 0.85, abstention 1.0 / 1.0, false abstention
    0.03 / 0.07 (``_f`` before the changes: EM 0.58, F1 0.66; abstention 0.83 / 0.75 before the
    sentence detector needed a passage about the question). Most misses left are span
    boundaries ("gradients" for "gradients with lower variance") that SQuAD's annotation style
    does not support fixing by rule.
    """
    for name in ("lecture_questions_f.jsonl", "lecture_questions_g.jsonl"):
        report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / name))
        assert report.em >= 0.6 and report.f1 >= 0.7 and report.recall_at_k >= 0.9
        assert report.abstain_accuracy >= 0.9 and report.false_abstain_rate <= 0.15


def test_a_sample_in_the_dev_sets_style_written_after_the_gpu_session(real_tutor: Tutor) -> None:
    """32 questions (29 answerable, 3 off-topic) written before being asked, in the shared dev set's
    style (``lecture_questions_h``). The shipped tutor measures EM 0.97, F1 0.97, abstention 1.0,
    false abstention 0.03 (one link declined at 0.31: "Where was the BERT paper published?")."""
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "lecture_questions_h.jsonl"))
    assert report.em >= 0.8 and report.f1 >= 0.85 and report.recall_at_k >= 0.95
    assert report.abstain_accuracy >= 0.9 and report.false_abstain_rate <= 0.1


def test_a_second_sample_in_the_dev_sets_style_written_after_the_third_gpu_session(real_tutor: Tutor) -> None:
    """32 questions (25 answerable, 7 not in the lecture) written before being asked
    (``lecture_questions_i``): EM 0.80, F1 0.84, abstention 0.71 when first asked; two of the
    unanswerable ones were answered ("How large is BERT's vocabulary?" → "340M", "What learning rate
    should I use to fine-tune BERT?" → "batch size") and led to the two rules after it (abstention 1.0)."""
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "lecture_questions_i.jsonl"))
    assert report.em >= 0.7 and report.f1 >= 0.75 and report.recall_at_k >= 0.95
    assert report.abstain_accuracy >= 0.85 and report.false_abstain_rate <= 0.1


def test_a_third_sample_in_the_dev_sets_style_written_in_a_cpu_only_session(real_tutor: Tutor) -> None:
    """35 questions (31 answerable, 4 off-topic) written before being asked (``lecture_questions_j``):
    EM 0.81, F1 0.88, sentence accuracy 0.90, abstention 1.0, false abstention 0.10 when first
    asked; "On what context does BERT jointly condition?" read "right" and led to
    ``span_bounds.completed_pair`` (F1 0.89 after it)."""
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "lecture_questions_j.jsonl"))
    assert report.em >= 0.7 and report.f1 >= 0.8 and report.recall_at_k >= 0.95
    assert report.abstain_accuracy >= 0.9 and report.false_abstain_rate <= 0.15


def test_a_held_out_sample_written_after_that_sessions_rules(real_tutor: Tutor) -> None:
    """30 questions (26 answerable, 4 off-topic) in the dev set's style, written after the rules of
    the session that wrote ``_j`` and asked once, without a rule made for them
    (``lecture_questions_k``): EM 0.88, F1 0.91, sentence accuracy 0.96, abstention 1.0, false
    abstention 0.0."""
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "lecture_questions_k.jsonl"))
    assert report.em >= 0.75 and report.f1 >= 0.8 and report.recall_at_k >= 0.95
    assert report.abstain_accuracy >= 0.9 and report.false_abstain_rate <= 0.1


def test_a_held_out_sample_for_the_distilled_reader(real_tutor: Tutor) -> None:
    """30 questions (26 answerable, 4 off-topic) in the dev set's style, written after the distilled
    reader shipped and asked once (``lecture_questions_l``): EM 0.96, F1 0.96, sentence accuracy 0.96,
    abstention 0.75, false abstention 0.04 (the reader before distillation: EM 0.88, F1 0.91)."""
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "lecture_questions_l.jsonl"))
    assert report.em >= 0.8 and report.f1 >= 0.85 and report.recall_at_k >= 0.95
    assert report.abstain_accuracy >= 0.75 and report.false_abstain_rate <= 0.1


def test_a_neighbour_of_the_kind_asked_for_is_declined_not_given(real_tutor: Tutor) -> None:
    # The lecture lists its terms side by side and gives no values: "The batch size" (0.65) before.
    for question in (
        "What learning rate should I use?",
        "What is a good learning rate?",
        "Which optimizer should I use?",
        "What batch size should I use?",  # "The batch size" (0.88): the kind itself
        "What size should a batch be?",  # "The batch size" (0.91)
        "What weight initialization should I use?",  # "model weights" (0.50), from its name
        "What is the learning rate used to train BERT?",  # "batch size" (0.50), read as "What is X?"
        "What is the difference between a batch and an epoch?",  # "Epoch" (0.69): one of the two
        "What should the learning rate be?",  # "The batch size" (0.59)
        "How do I pick the learning rate?",  # "The batch size" (0.73)
        "How should I choose an optimizer?",  # "The initialization of model weights" (0.75)
    ):
        assert real_tutor.ask(question).abstained, question
    assert real_tutor.ask("Which two parameters is it usually sufficient to tune?").text.endswith("batch size")
    assert "too high" in real_tutor.ask("What learning rate can cause updates to overshoot?").text
    assert real_tutor.ask("How should I set the batch size?").text == "Increase the batch size"  # asked how: the item


def test_quality_floor_on_our_harder_lecture_questions(real_tutor: Tutor) -> None:
    """27 more questions of our own (21 answerable, 6 near-topic), written later and harder.

    Questions about lists, links and the lecture's own structure ("Which idiom is used among the
    examples?"), where a SQuAD reader is weakest. The shipped tutor measures F1 0.56, EM 0.52,
    sentence accuracy 0.57, abstention 1.0 (0.67 before "What is the vocabulary size of BERT?"
    needed a number that counts a vocabulary), false abstention 0.29; the floors catch a collapse.
    Asked as students type them, lower case and without question marks, the same floors hold
    (read as typed they did not: F1 0.39, false abstention 0.43).
    """
    items = load_items(Path(__file__).parents[1] / "data" / "lecture_questions_b.jsonl")
    typed = [EvalItem(i.id, i.question.rstrip("?").lower(), i.answers) for i in items]
    for questions in (items, typed):
        report, _ = evaluate(real_tutor, questions)
        assert report.f1 >= 0.4 and report.em >= 0.3
        assert report.recall_at_k >= 0.9 and report.abstain_accuracy >= 0.8
        assert report.abstain_accuracy >= 0.3 and report.false_abstain_rate <= 0.35


def test_a_place_in_a_list_is_answered_with_the_item_at_that_place(real_tutor: Tutor) -> None:
    """30 questions asking for "the second fun fact", "the last drawback of LSTMs", … (28 answerable).

    The reader cannot count items: read as asked these measured EM 0.07, abstention 0.5; with
    the list found by the question without its place, EM 0.71, abstention 1.0; with the list
    found by either reading, EM 0.79.
    """
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "list_place_questions.jsonl"))
    assert report.em >= 0.7 and report.abstain_accuracy == 1.0
    # Without its place this reads nothing sure ("What is the example of language?", 0.29); as
    # asked it lands in the first example ("English and Binary", 0.59): the list is found there.
    example = real_tutor.ask("What is the second example of language?")
    assert example.text == "Mary asked John to leave. Mary asked to leave John."
    assert real_tutor.ask("What's the fourth LSTM problem?").text == "No task separation"  # was "Slow to train"
    second = real_tutor.ask("What is the second fun fact?")
    assert not second.abstained and second.text == "BERT is a 2018 child of Google Researchers"
    s, e = second.answer_in_sentence
    assert second.sentence[s:e] == second.text and second.citation is not None and second.citation.section == "BERT"
    assert real_tutor.ask("What is the last drawback of LSTMs?").text == "No task separation"
    seventh = real_tutor.ask("What is the seventh quick term?")  # there are six (was "Epoch", 0.38)
    assert seventh.abstained and seventh.confidence == 0.0
    assert real_tutor.ask("Who was the first president of the United States?").abstained
    # A listed question answers whole: "Where in the text" before.
    kinds = real_tutor.ask("What kinds of problems do we solve with language?")
    assert kinds.text == "Where in the text can i find an answer to that question?"


def test_near_topic_questions_the_lecture_does_not_answer_are_declined(real_tutor: Tutor) -> None:
    """On-topic but not covered ("Who created GPT-3?"): the hard case for either detector. 10 of 10 now."""
    report, _ = evaluate(real_tutor, load_items(Path(__file__).parents[1] / "data" / "near_topic_questions.jsonl"))
    assert report.abstain_accuracy >= 0.9


@pytest.mark.parametrize(
    "question", ["Who is the CEO of Google?", "What are the rules of chess?", "What is the best programming language?"]
)
def test_a_question_sharing_only_a_name_or_a_word_with_a_sentence_is_declined(real_tutor: Tutor, question: str) -> None:
    """The sentence detector alone said 0.39–0.41 ("BERT is a 2018 child of Google Researchers",
    "General rules", "English and Binary"); the passages are not about the question (cos < 0.13)."""
    answer = real_tutor.ask(question)
    assert answer.abstained, answer.text


def test_the_c_heap_is_trimmed_every_few_asks(real_tutor: Tutor, monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.tutor

    calls: list[int] = []
    monkeypatch.setattr(knowledge.tutor, "trim_heap", lambda: calls.append(1))
    for _ in range(2 * knowledge.tutor.TRIM_EVERY):
        real_tutor.ask("What do larger batches produce?")
    assert len(calls) == 2


def test_a_question_in_the_notes_is_shown_with_its_answer_when_declining(real_tutor: Tutor) -> None:
    question = "What is a model?"
    result, _, vec = real_tutor._search(question)
    ans = real_tutor._decline(result, vec, 0.0, {})
    assert ans.abstained and ans.sentence == "What is a model? It's a problem representation."


def test_a_chatty_question_is_answered_like_the_plain_one(real_tutor: Tutor) -> None:
    # As typed, "question" matched "Any questions, concerns or thoughts": declined at 0.08.
    chatty = real_tutor.ask("Hey tutor, quick question: in which year was BERT born? Thanks!")
    plain = real_tutor.ask("In which year was BERT born?")
    assert not chatty.abstained and chatty.text == plain.text == "2018"
    assert chatty.question.startswith("Hey tutor") and chatty.read_as == ""  # shown as typed
    # Discord markdown was read as words ("**What** is a _model_?" declined at 0.00), and the reader
    # cannot resolve "it" to a topic named before the question ("state-of-the-art models", 0.35).
    assert real_tutor.ask("**What** is a _model_?").text == "problem representation"
    assert real_tutor.ask("BERT — who created it?").text == "Google Researchers"


def test_an_acronym_is_met_in_the_singular_and_expanded_only_by_its_letters(real_tutor: Tutor) -> None:
    from models.answer_types import expands_what_was_asked

    # "LSTMs" stemmed to "lstms": "LSTM downsides" read no window of "LSTMs are: …" (declined at 0.00).
    assert real_tutor.ask("LSTM downsides").text in {"Slow to train", "Rather unidirectional", "No task separation"}
    # The lecture never expands LSTM: "No task separation" (0.62) is no expansion of it.
    assert real_tutor.ask("What does LSTM stand for?").abstained
    assert expands_what_was_asked("What does NFL stand for?", "the National Football League")
    assert expands_what_was_asked("What does IR stand for?", "infrared")  # begins with its first letter
    assert not expands_what_was_asked("What does LSTM stand for?", "No task separation")
    assert expands_what_was_asked("Who created BERT?", "Google")  # not asked to expand anything


def test_a_count_of_something_else_is_declined_not_given(real_tutor: Tutor) -> None:
    # "BERT_LARGE contains 340M parameters": the reader answered the layer count with it (0.82).
    assert real_tutor.ask("How many layers does BERT_LARGE have?").abstained  # "340M" (0.82) before
    assert real_tutor.ask("How many attention heads does BERT_BASE have?").abstained
    assert real_tutor.ask("How many parameters does BERT_LARGE contain?").text == "340M"
    assert real_tutor.ask("How many parameters does BERT_LARGE have?").text == "340M"  # "110M" (0.93): a link's tracker
    assert real_tutor.ask("how many params does bert large have").text == "340M"  # alike to the embedder
    assert real_tutor.ask("What is the vocabulary size of BERT?").abstained  # "340M" (0.71) before
    assert real_tutor.ask("How large is BERT's vocabulary?").abstained  # "340M" (0.66) before
    assert real_tutor.ask("What is the dropout rate in BERT?").abstained  # "340M" (0.43) before
    assert real_tutor.ask("What is the maximum sequence length of BERT?").abstained  # "340M" (0.74)
    assert real_tutor.ask("What is the number of parameters of BERT_BASE?").text == "110M"
    facts = "BERT_BASE contains 110M parameters and BERT_LARGE contains 340M parameters."
    at = facts.index("340M")
    for end in (at + 4, at + 15):  # "340M" and "340M parameters": the unit after the span or in it
        span = ReaderSpan(0, at, end, facts[at:end], 10.0, 0.0, facts, (at, end))
        assert not real_tutor.answer_checks.counts_what_was_asked("How many layers does BERT_LARGE have?", span)
        assert real_tutor.answer_checks.counts_what_was_asked("How many parameters does BERT_LARGE have?", span)


def test_a_request_for_a_whole_list_is_answered_with_every_item(real_tutor: Tutor) -> None:
    # "List the quick terms." read "Weight" (0.77), one of six.
    terms = real_tutor.ask("List the quick terms.")
    assert terms.text == "Layer; Weight; Activation function; Loss; Batch; Epoch"
    s, e = terms.answer_in_sentence
    assert terms.sentence.startswith("Some quick terms to repeat:") and terms.sentence[s:e] == terms.text
    assert real_tutor.ask("list the drawbacks of LSTMs").text.count(";") == 3
    assert ";" not in real_tutor.ask("Name a drawback of LSTMs.").text  # one asked for: one given


def test_a_question_the_notes_ask_is_not_answered_with_the_next_one(real_tutor: Tutor) -> None:
    # "And, what actually is a neural network?" (0.40); "What types of problems do we solve" (0.80).
    assert real_tutor.ask("What did we talk about last time?").abstained
    assert real_tutor.ask("How can I summarize this text?").abstained
    third = real_tutor.ask("What is the third type of problem we solve?")  # about the list, not one of it
    assert third.text == "How can i summarize this text?"


def test_a_list_item_never_defines_its_neighbour_or_its_lead_in_what_is_listed(real_tutor: Tutor) -> None:
    # "This typically involves: The learning rate. / The batch size." and "LSTMs are: Rather unidirectional."
    assert real_tutor.ask("What is a learning rate?").abstained  # "The batch size" (0.79) before
    assert real_tutor.ask("What is an optimizer?").abstained  # "The initialization of model weights" (0.73)
    assert real_tutor.ask("What is unidirectional?").abstained  # "LSTMs" (0.81)
    assert real_tutor.ask("What are LSTMs?").text == "No task separation"  # the lead-in names them: an answer
    assert real_tutor.ask("What is a model?").text == "problem representation"


def test_a_declined_question_from_a_list_of_questions_is_not_shown_with_the_next_list(real_tutor: Tutor) -> None:
    result, _, vec = real_tutor._search("What is a neural network?")  # the opening list ends with this question
    ans = real_tutor._decline(result, vec, 0.0, {})
    assert ans.sentence.endswith("what actually is a neural network?")  # not "... Some quick terms to repeat: Layer."


def test_an_answer_after_a_question_in_the_notes_is_shown_and_scored_with_it(real_tutor: Tutor) -> None:
    ans = real_tutor.ask("What is a model?")  # alone, "It's a problem representation." was declined (0.20)
    assert not ans.abstained and ans.text == "problem representation"
    assert ans.sentence == "What is a model? It's a problem representation."
    start, end = ans.answer_in_sentence
    assert ans.sentence[start:end] == ans.text


def test_the_sentences_answers_show_are_embedded_before_anyone_asks(
    real_tutor: Tutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import OrderedDict

    monkeypatch.setattr(real_tutor, "_sentence_vectors", OrderedDict())
    monkeypatch.setattr(real_tutor, "_calibration", None)
    real_tutor._warm_reader()  # what the first question does: loads the calibration, primes the cache
    embedded: list[list[str]] = []
    embed = real_tutor.embedder.embed

    def counting(texts: list[str]) -> np.ndarray:
        embedded.append(texts)
        return embed(texts)

    monkeypatch.setattr(real_tutor.embedder, "embed", counting)
    for question in ["What is a model?", "What do larger batches produce?", "Who created BERT?", "Cats or dogs?"]:
        real_tutor.ask(question)
    assert embedded == [[q] for q in ["What is a model?", "What do larger batches produce?", "Who created BERT?"]] + [
        ["Cats or dogs?"]
    ]  # only the questions: every answer's (or decline's) sentence was embedded at warm-up
    embedded.clear()
    report = real_tutor.ingest_bytes("99-extra.md", b"# Extra\n\nWhat is a tensor? It is an array of numbers.")
    try:
        assert report.status == "added" and embedded  # the new lecture's sentences, embedded on ingest
        assert "What is a tensor? It is an array of numbers." in real_tutor._sentence_vectors
    finally:
        real_tutor.remove("99-extra")


def test_a_typo_in_a_question_is_read_as_the_courses_word(real_tutor: Tutor) -> None:
    ans = real_tutor.ask("What do netwroks work on?")  # read as typed: declined (0.18)
    assert not ans.abstained and ans.text == "representations"
    assert ans.question == "What do netwroks work on?" and ans.read_as == "What do networks work on?"
    assert real_tutor.ask("What do networks work on?").read_as == ""
    assert real_tutor.ask("What is a relu?").read_as == ""  # jargon stays: never "rely"
    wide = real_tutor.ask("Ｗｈｏ ｃｒｅａｔｅｄ ＢＥＲＴ？")  # full-width: all [UNK] to the reader unless folded
    assert wide.text == "Google Researchers" and wide.question == "Who created BERT?"


def test_a_worked_example_is_answered_with_its_numbers_or_its_text(real_tutor: Tutor) -> None:
    numbers = real_tutor.ask("How is the sentence 'I love dogs and dogs love snacks' represented?")
    assert numbers.text == "[1 2 3 4 3 2 5]" and not numbers.abstained
    assert numbers.sentence.endswith("I love dogs and dogs love snacks. [1 2 3 4 3 2 5].")  # shown with its text
    s, e = numbers.answer_in_sentence
    assert numbers.sentence[s:e] == numbers.text
    text = real_tutor.ask("What does the sequence [1 2 3 4 3 2 5] stand for?")
    assert text.text == "I love dogs and dogs love snacks" and text.confidence >= 0.5
    assert "[" not in real_tutor.ask("How are words represented?").text  # no example's text: the reader's turn
