"""The real shipped reader (loaded once per session) and a local-checkpoint reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.tutor import Tutor
from models.embedder import SentenceEmbedder
from models.reader import CastEmbedding, Reader
from models.reading_view import ReadingView


@pytest.fixture(scope="session")
def reader(real_tutor: Tutor) -> Reader:
    return real_tutor.reader


def test_answers_from_the_right_passage(reader: Reader) -> None:
    passages = [
        "Dogs are loyal pets that like to play fetch in the park.",
        "BERT_BASE contains 110M parameters and BERT_LARGE contains 340M parameters.",
    ]
    spans = reader.run("How many parameters does BERT_LARGE contain?", passages)
    assert spans[0].passage == 1 and spans[0].text == "340M"
    assert passages[1][spans[0].start : spans[0].end] == "340M"


def test_long_passages_are_read_with_a_stride(reader: Reader) -> None:
    filler = " ".join(f"Sentence number {i} talks about nothing in particular." for i in range(120))
    passage = filler + " The tutor bot was written in the city of Tallinn. " + filler
    spans = reader.run("In which city was the tutor bot written?", [passage])
    assert spans and spans[0].text == "Tallinn"


def test_a_sentence_longer_than_the_model_reads_is_cut_with_a_stride(reader: Reader) -> None:
    clauses = [f"clause {i} says nothing in particular" for i in range(60)]
    passage = ", ".join([*clauses, "the tutor bot was written in the city of Tallinn", *clauses]) + "."
    layouts = reader._layouts_of([passage])
    assert len(layouts[0].windows) == 1  # one sentence: one window, ~800 word pieces
    features, mapping = reader._features("In which city was the tutor bot written?", layouts, [(0, 0)])
    assert len(features) > 2 and set(mapping) == {0} and all(len(f.ids) <= reader.max_seq_length for f in features)
    assert reader.run("In which city was the tutor bot written?", [passage])[0].text == "Tallinn"


def test_windows_are_tokenized_once_and_paired_as_the_tokenizer_pairs_them(reader: Reader) -> None:
    from models.answer_types import as_asked

    passage = "Fun-facts:\n1. BERT_BASE contains 110M parameters\n2. BERT is a 2018 child of Google Researchers\n"
    question = "Who created BERT"
    layouts = reader._layouts_of([passage])
    picked = [(0, i) for i in range(len(layouts[0].windows))]
    features, mapping = reader._features(question, layouts, picked)
    texts = [layouts[0].view.read_text[s:e] for s, e in layouts[0].windows]
    paired = reader._tokenizer(
        [as_asked(question)] * len(texts), texts, truncation="only_second", max_length=reader.max_seq_length
    ).encodings
    assert mapping == list(range(len(picked)))

    def read(f: Any) -> tuple[list[int], list[int], list[tuple[int, int]], list[bool]]:
        return f.ids, f.type_ids, f.offsets, [s == 1 for s in f.sequence_ids]  # what the reader reads of a pair

    assert [read(f) for f in features] == [read(f) for f in paired]
    assert all(set(w.type_ids) == {0} for w in layouts[0].tokens)  # pairing left the kept windows as they were


def test_answer_length_is_limited(real_tutor: Tutor) -> None:
    short = real_tutor.reader.with_settings(max_answer_tokens=2)
    assert short._fast is real_tutor.reader._fast and real_tutor.reader.max_answer_tokens == 30  # shared, not changed
    with pytest.raises(TypeError, match="no setting"):
        real_tutor.reader.with_settings(_fast=None)
    spans = short.run(
        "What do larger batches produce?",
        ["Larger batches produce gradients with lower variance and more stable updates."],
    )
    assert spans and len(spans[0].text.split()) <= 2


def test_empty_inputs(reader: Reader) -> None:
    assert reader.run("question?", []) == []
    assert reader.run("   ", ["text"]) == []


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-layer random BERT QA checkpoint with the packaged vocabulary, saved like any HF model."""
    from transformers import AutoTokenizer, BertConfig, BertForQuestionAnswering

    from models.embedder import packaged_minilm_path

    path = tmp_path_factory.mktemp("tiny-reader")
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64
    )
    BertForQuestionAnswering(config).save_pretrained(path)
    AutoTokenizer.from_pretrained(packaged_minilm_path()).save_pretrained(path)
    return path


def test_any_local_hugging_face_checkpoint_can_be_the_reader(tiny_checkpoint: Path) -> None:
    reader = Reader(model=str(tiny_checkpoint), device="cpu", precision="fp32")
    spans = reader.run("What is tiny?", ["This checkpoint is tiny and random."])
    assert reader.calibration_path == tiny_checkpoint / "calibration.json"
    assert spans and spans[0].text in "This checkpoint is tiny and random."


_MARKDOWN = st.lists(
    st.sampled_from(["# Title", "1. first item", "- a bullet", "plain words here", "wrapped on", "", "ends.  ", "x"]),
    max_size=12,
).map("\n".join)


@settings(max_examples=40, deadline=None)
@given(passages=st.lists(_MARKDOWN, min_size=1, max_size=3), window=st.sampled_from([0, 8, 96]))
def test_spans_map_back_for_any_markdown(tiny_checkpoint: Path, passages: list[str], window: int) -> None:
    """A random reader picks random spans: every one must still be an exact, in-sentence span."""
    reader = Reader(model=str(tiny_checkpoint), device="cpu", precision="fp32", window_tokens=window)
    for span in reader.run("What is it?", passages):
        source = passages[span.passage]
        assert 0 <= span.start < span.end <= len(source)
        assert span.text.split() == source[span.start : span.end].split()
        s, e = span.answer_in_sentence
        assert span.sentence[s:e] == span.text


def test_markdown_lists_are_read_item_by_item(reader: Reader) -> None:
    passage = "Fun facts:\n1. The tutor bot was written in Tallinn\n2. It answers questions\n3. It started in 2026"
    spans = reader.run("In which city was the tutor bot written?", [passage])
    assert spans and spans[0].text == "Tallinn"
    assert spans[0].sentence == "Fun facts: The tutor bot was written in Tallinn."  # the next item is not in it
    s, e = spans[0].answer_in_sentence
    assert spans[0].sentence[s:e] == "Tallinn" == passage[spans[0].start : spans[0].end]
    assert spans[0].score > spans[0].null_score  # the no-answer score does not fire on a list


def test_cpu_precision_keeps_the_embedder_in_fp32(real_tutor: Tutor) -> None:
    reader = real_tutor.reader
    if reader._device != "cpu":
        pytest.skip("CPU precision only")
    assert reader.active_precision in {"bf16", "int8"}  # auto on the CPU
    assert isinstance(real_tutor.embedder, SentenceEmbedder)
    table = real_tutor.embedder.word_embeddings()
    assert table.dtype == torch.float32
    assert reader._fast is not None and reader._fast.word.table is table  # type: ignore[attr-defined]  # one table
    assert reader._tokenizer is real_tutor.embedder.tokenizer  # and one tokenizer


def test_packed_rows_find_the_same_spans_as_one_window_per_row(real_tutor: Tutor) -> None:
    reader = real_tutor.reader
    assert reader._packs  # the packaged reader is a BERT with absolute positions
    passages = [h.passage.text for h in real_tutor.search("What do larger batches produce?").hits]
    questions = ["What do larger batches produce?", "Who created BERT?", "What is a model?"]
    packed = [reader.run(q, passages) for q in questions]
    assert all(packed)
    try:
        reader._packs = False
        padded = [reader.run(q, passages) for q in questions]
    finally:
        reader._packs = True
    assert [[(s.passage, s.start, s.end) for s in spans] for spans in packed] == [
        [(s.passage, s.start, s.end) for s in spans] for spans in padded
    ]


def test_windows_that_share_no_word_with_the_question_are_not_read(reader: Reader) -> None:
    passages = [
        "Dogs are loyal pets that like to play fetch in the park.",
        "BERT_BASE contains 110M parameters and BERT_LARGE contains 340M parameters.",
    ]
    assert reader.skip_unrelated
    spans = reader.run("What does BERT_LARGE contain?", passages)
    assert [s.passage for s in spans] == [1]  # the dog passage shares no word: not read
    assert reader.run("What is the capital of Peru?", passages) == []  # nothing to read: no span
    assert len(reader.run("What is it?", passages)) == 2  # no content words: every window is read
    try:
        reader.skip_unrelated = False
        assert [s.passage for s in reader.run("What does BERT_LARGE contain?", passages)] == [1, 0]
    finally:
        reader.skip_unrelated = True


def test_every_window_read_proposes_its_best_span_ranked_by_margin(reader: Reader) -> None:
    from models.content_words import stems

    facts = [
        "The tutor bot was written in Tallinn by a small team of students.",
        "The tutor bot answers questions about lectures in a class Discord.",
        "Its reader was trained on Wikipedia questions and answers.",
    ]
    passage = " ".join(f"{fact} " + "Nothing else is said here about anything at all. " * 12 for fact in facts)
    question = "Where was the tutor bot written?"
    related = [w for w in reader.windows([passage]) if stems(question) & stems(w)]
    spans = reader.run(question, [passage])
    assert len(related) > 1 and len(spans) == len(related)  # one span per window read, all of one passage
    assert [s.margin for s in spans] == sorted((s.margin for s in spans), reverse=True)
    assert all(s.margin == s.score - s.null_score for s in spans)
    assert spans[0].text == "Tallinn"


def test_a_passages_layout_is_computed_once_and_the_cache_stays_small(
    reader: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.reader as reader_module

    passage = "LSTMs are:\n1. Slow to train\n2. Rather unidirectional"
    question = "In which direction do LSTMs mostly read?"
    first = reader.run(question, [passage])
    calls: list[str] = []
    real = reader_module.reading_view

    def counted(text: str) -> ReadingView:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(reader_module, "reading_view", counted)
    assert reader.run(question, [passage]) == first and not calls  # the view and windows came from the cache
    monkeypatch.setattr(reader_module, "LAYOUT_CACHE", 2)
    reader.windows([f"Passage number {i}." for i in range(5)])
    assert len(calls) == 5 and len(reader._layouts) == 2


def test_a_later_list_item_is_read_with_the_lists_lead_in(reader: Reader) -> None:
    passage = "LSTMs are:\n1. Slow to train\n2. Rather unidirectional\n3. No task separation"
    spans = reader.run("In which direction do LSTMs mostly read?", [passage])
    assert spans[0].text == "unidirectional" == passage[spans[0].start : spans[0].end]
    assert spans[0].sentence == "LSTMs are: Rather unidirectional."
    assert all(passage[s.start : s.end] == s.text for s in spans)  # no span runs from the copy into an item


def test_asked_what_kind_of_thing_the_answer_names_the_kind_and_the_thing(reader: Reader) -> None:
    from models.answer_types import kind_asked
    from models.span_bounds import grown_by_kind

    assert kind_asked("From what kind of text is BERT pretrained?") == ("text",)
    assert kind_asked("What kind of context perspective do LSTMs lack?") == ("conte", "persp")
    assert kind_asked("Which kind of batches produce lower variance?") == ("batch",)  # no auxiliary: one word
    assert kind_asked("What is a kind gesture?") == () and kind_asked("Who created BERT?") == ()
    text = "LSTMs lack a deep context perspective. Trained on unlabeled text by jointly conditioning."
    end = text.index("deep") + len("deep")
    assert text[: grown_by_kind(text, end, kind_asked("What kind of context perspective do LSTMs lack?"))].endswith(
        "deep context perspective"
    )
    assert grown_by_kind(text, text.index("deep") + 4, ("persp", "conte")) == text.index("deep") + 4  # in order
    end = text.index("unlabeled") + len("unlabeled")
    assert grown_by_kind(text, end, kind_asked("What kind of data is it trained on?")) == end  # not the word asked
    end = text.index("perspective.") + len("perspective.")
    assert grown_by_kind(text, end, ("persp", "train")) == end  # never past a sentence's end
    passage = "BERT is designed to pretrain deep bidirectional representations from unlabeled text."
    spans = reader.run("From what kind of text is BERT pretrained?", [passage])  # SQuAD's style: "unlabeled"
    assert spans[0].text == "unlabeled text" == passage[spans[0].start : spans[0].end]
    assert spans[0].sentence[slice(*spans[0].answer_in_sentence)] == "unlabeled text"


def test_an_answer_ending_in_half_a_comparison_gets_its_other_half(reader: Reader) -> None:
    from models.span_bounds import completed_comparison

    text = "We create representations to be as efficient as possible it means - take the least space."
    start, end = text.index("as efficient"), text.index("efficient") + len("efficient")
    assert text[start : completed_comparison(text, start, end)] == "as efficient as possible"
    assert completed_comparison(text, text.index("efficient"), end) == end  # no "as" of its own in the span
    other = "It is twice as fast as the old one."
    end = other.index("fast") + len("fast")
    assert completed_comparison(other, other.index("twice"), end) == end  # "as the old one" is no "as possible"
    passage = "Lets remember that networks work on representations. " + text
    spans = reader.run("How efficient should representations be?", [passage])
    assert spans[0].text == "as efficient as possible" == passage[spans[0].start : spans[0].end]


def test_a_link_answers_only_where_to_find_or_read_something(reader: Reader) -> None:
    from models.citations import links_cannot_answer

    assert links_cannot_answer("Who created BERT?") and links_cannot_answer("how many layers are there?")
    assert links_cannot_answer("When was it published?")
    assert not links_cannot_answer("Where was the paper published?") and not links_cannot_answer("Which book?")
    assert links_cannot_answer("What is the maximum sequence length of BERT?")  # asks for no place to read
    assert not links_cannot_answer("What does the lecture link to?")
    assert not links_cannot_answer("What does the lecture recommend to dig deeper into BERT?")  # a place to go
    assert links_cannot_answer("What is the BERT paper called?") and links_cannot_answer(
        "What is the title of the paper?"
    )
    passage = "Source: https://www.manning.com/books/deep-learning-with-python\n\nI love dogs and dogs love snacks."
    link = "https://www.manning.com/books/deep-learning-with-python"
    assert any(s.text == link for s in reader.run("Where can I find the Deep Learning with Python book?", [passage]))
    # Unmasked, the reader answers this with the link too.
    assert not any("manning" in s.text for s in reader.run("Who wrote the Deep Learning with Python book?", [passage]))


def test_a_cited_works_title_answers_only_what_it_is_called_or_where_it_is(reader: Reader, real_tutor: Tutor) -> None:
    from models.citations import titles_cannot_answer

    assert titles_cannot_answer("What does BERT pretrain from?") and titles_cannot_answer("Who created BERT?")
    assert titles_cannot_answer("What is BERT pre-trained on?")  # asks what it is trained on, not what it is
    for asks_the_work in ("What is the title of the BERT paper?", "What does BERT stand for?", "What is BERT?", "BERT"):
        assert not titles_cannot_answer(asks_the_work), asks_the_work
    passage = (
        "BERT is designed to pretrain deep bidirectional representations from unlabeled text.\n\n"
        "Source: https://aclanthology.org/N19-1423.pdf [BERT: Pre-training of Deep Bidirectional Transformers for\n"
        "Language Understanding]  \n"
    )
    title = reader.run("What is the title of the BERT paper?", [passage])[0].text
    assert title == "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    # Read as prose, the lecture's title answered: "Deep Bidirectional Transformers for Language Understanding" (0.78).
    assert real_tutor.ask("What does BERT pretrain from?").text == "unlabeled text"
    # Asked what the work is called, its title comes first: both read "Pretraining" (0.48, 0.44).
    from models.citations import asks_for_a_title

    assert asks_for_a_title("What is the BERT paper called?") and not asks_for_a_title("What is BERT called?")
    for asked in ("What is the name of the BERT paper?", "What is the BERT paper called?"):
        assert real_tutor.ask(asked).text.startswith("BERT: Pre-training of Deep Bidirectional Transformers"), asked


def test_asked_for_a_paper_video_notebook_or_book_a_link_of_that_kind_wins(real_tutor: Tutor) -> None:
    from models.citations import link_kind
    from models.reader import ReaderSpan, of_the_kind_asked

    assert link_kind("Where can I read the BERT paper?") is not None and link_kind("Where is it?") is None
    assert link_kind("Is there a video or a paper?") is None  # two kinds: no preference
    notebook = ReaderSpan(0, 0, 0, "https://github.com/x/notebooks/A_Visual_Notebook.ipynb?msclkid=f0", 9.5, 7.8)
    paper = ReaderSpan(0, 0, 0, "https://aclanthology.org/N19-1423.pdf", 9.7, 8.5)
    words = ReaderSpan(0, 0, 0, "Google Researchers", 1.0, 9.0)
    assert of_the_kind_asked("Where can I read the BERT paper?", [notebook, paper, words]) == [paper, words]
    assert of_the_kind_asked("Where is the BERT notebook?", [paper, notebook]) == [notebook]
    assert of_the_kind_asked("Which video explains BERT?", [notebook, paper]) == [notebook, paper]  # none is one
    # The lecture: the notebook link's margin 1.8, the paper's PDF 1.2.
    assert real_tutor.ask("Where can I read the BERT paper?").text == "https://aclanthology.org/N19-1423.pdf"


def test_asked_where_to_go_the_link_on_the_answers_line_answers(reader: Reader) -> None:
    from models.citations import URL, asks_for_a_link
    from models.reader import link_on_the_line
    from models.reading_view import reading_view

    assert asks_for_a_link("Where is the Stanford lecture?") and asks_for_a_link("What is the link to the lecture?")
    assert asks_for_a_link("Is there a video explaining BERT?") and not asks_for_a_link("Is there a reason?")
    assert not asks_for_a_link("What is BERT?") and not asks_for_a_link("What is the link called?")  # a name
    for media in ("Which video explains BERT?", "What is the recommended video for eager heads?", "Any good videos?"):
        assert asks_for_a_link(media), media
    for content in ("What does the video show?", "What is the video about?", "What is a notebook?"):
        assert not asks_for_a_link(content), content
    text = "VERY good Stanford Lecture on NLP: https://www.youtube.com/watch?v=knTc-NQSjKA\n\nNo link here."
    view = reading_view(text)
    links = tuple(m.span() for m in URL.finditer(view.text))  # as the reader finds them: "…KA." with its full stop
    at = view.text.index("NLP")
    assert view.text[slice(*link_on_the_line(view, links, at, at + 3))] == "https://www.youtube.com/watch?v=knTc-NQSjKA"
    at = view.text.index("link here")
    assert link_on_the_line(view, links, at, at + 4) == (at, at + 4)  # a line without a link keeps its span
    # The lecture's line: "Where is the Stanford lecture?" read "NLP" (0.79).
    assert reader.run("Where is the Stanford lecture?", [text])[0].text == "https://www.youtube.com/watch?v=knTc-NQSjKA"


def test_asked_whether_there_is_a_video_the_lecture_answers_with_its_link(real_tutor: Tutor) -> None:
    # "Easy and less-easy (for eager heads) explanation of BERT: https://www.youtube.com/watch?v=xI0HHN5XKDo"
    assert real_tutor.ask("Is there a video explaining BERT?").text == "https://www.youtube.com/watch?v=xI0HHN5XKDo"
    # Read "Easy and less-easy" (0.55) and "a notebook" (0.63), the words before the links.
    eager = real_tutor.ask("What is the recommended video for eager heads?")
    assert eager.text == "https://www.youtube.com/watch?v=xI0HHN5XKDo"
    assert real_tutor.ask("What is the more techy video?").text == "https://www.youtube.com/watch?v=TLPmlVeEf1k"


def test_a_links_tracker_is_not_read_but_an_answered_link_keeps_it(reader: Reader) -> None:
    squad = "On SQuAD: https://rajpurkar.github.io/SQuAD-explorer/?msclkid=2b188d20c6c111ec90a8707c579811f9  \n\n"
    facts = (
        "Fun-facts:\n1. BERT_BASE contains 110M parameters and BERT_LARGE contains 340M parameters\n"
        "2. BERT is a 2018 child of Google Researchers\n"
    )  # the lecture's lines: with the tracker's forty word pieces of hex read, the answer was "110M" (0.93)
    assert reader.run("How many parameters does BERT_LARGE have?", [squad + facts])[0].text == "340M"
    link = "https://github.com/jalammar/notebooks/bert/A_Visual_Notebook.ipynb?msclkid=f0d906e3c6c511ec810feae2"
    passage = f"If you want to dig deeper and see how to use BERT, I am redirecting you here: {link}\n"
    best = reader.run("Where can I see how to use BERT?", [passage])[0]
    assert best.text == link == passage[best.start : best.end] and link in best.sentence


def test_a_count_or_a_year_is_answered_with_a_number_or_not_at_all(reader: Reader) -> None:
    from models.answer_types import asks_for_a_number, is_number

    assert asks_for_a_number("How many epochs should I train for?") and asks_for_a_number("In how many layers?")
    assert not asks_for_a_number("How much does it cost?") and not asks_for_a_number("Which layers are frozen?")
    assert asks_for_a_number("Hey, quick question: in which year was BERT born?")  # a preamble hides nothing
    assert asks_for_a_number("What year did it appear?") and not asks_for_a_number("Who won this year?")
    assert is_number("340") and is_number("##3") and is_number("Two") and is_number("seventh")
    assert not is_number("epoch")
    stats = "Fun-facts: BERT_BASE contains 110M parameters and BERT_LARGE contains 340M parameters."
    assert reader.run("How many parameters does BERT_BASE contain?", [stats])[0].text == "110M"
    # Unmasked, the reader answers with the words around "layers"; no number there, so no span.
    layers = "BERT stacks Transformer encoder layers with self-attention."
    assert reader.run("How many layers does BERT have?", [layers]) == []


def test_a_total_is_not_answered_with_a_share_of_it(reader: Reader) -> None:
    from models.answer_types import answer_mark, is_number, is_time, is_total

    assert answer_mark("How many layers does BERT have?") is is_total
    assert answer_mark("How many layers use attention?") is is_number  # "all" answers that
    assert answer_mark("When was BERT born?") is is_time and answer_mark("Who created BERT?") is None
    assert is_total("12") and is_total("several") and not is_total("all") and not is_total("No")
    # The lecture: "… on both left and right context in all layers" read "all" (0.42).
    context = "BERT is pretrained by jointly conditioning on both left and right context in all layers."
    assert reader.run("How many layers does BERT have?", [context]) == []
    assert reader.run("In how many layers does BERT condition on context?", [context])[0].text == "all"


def test_when_something_happened_is_answered_with_a_time_or_not_at_all(reader: Reader) -> None:
    from models.answer_types import asks_for_a_time, is_time

    assert asks_for_a_time("When were LSTMs invented?") and asks_for_a_time("when did BERT appear")
    assert not asks_for_a_time("When do chloroplasts spread out flat?")  # a condition, not a time
    assert not asks_for_a_time("When Fox left, who replaced him?") and not asks_for_a_time("Who won?")
    assert is_time("2018") and is_time("century") and is_time("seventh") and not is_time("no")
    lstms = "LSTMs are:\n1. Slow to train\n2. Rather unidirectional\n3. No deep context perspective"
    assert reader.run("When were LSTMs invented?", [lstms]) == []  # was "unidirectional" (0.71 in the tutor)
    facts = "Fun-facts:\n1. BERT is a 2018 child of Google Researchers\n2. Pretraining is a KEY element of BERT"
    assert reader.run("When was BERT created?", [facts])[0].text == "2018"


def test_what_a_count_counts_is_read_from_the_question_and_the_answer_sentence() -> None:
    from models.answer_types import count_unit, counted_words, measured_words, unit_after

    assert counted_words("How many layers does BERT_LARGE have?") == ("layers", "does")
    assert counted_words("Hey, how many total yards?") == ("total", "yards") and counted_words("Who?") == ()
    assert measured_words("What is the vocabulary size of BERT?") == ("vocabulary", "size")
    assert measured_words("What is the maximum sequence length of BERT?") == ("sequence", "length")
    assert measured_words("What's BERT's vocabulary size?") == ("vocabulary", "size")
    assert measured_words("What is the total length of the Delhi Metro?") == ("the", "Delhi", "Metro", "length")
    assert measured_words("What is the capital of France?") == () == measured_words("How big is BERT?")
    assert measured_words("How large is BERT's vocabulary?") == ("vocabulary",)  # a property's size
    assert measured_words("How big is the maximum vocabulary of BERT?") == ("vocabulary",)
    assert measured_words("How large is the vocabulary?") == ()  # whose? not read
    assert measured_words("What is the dropout rate in BERT?") == ("dropout", "rate")
    facts = "BERT_LARGE contains 340M parameters. Then three. Linebackers"
    assert unit_after(facts, facts.index("340M") + 4) == "parameters"
    assert unit_after(facts, facts.index("three") + 5) == ""  # a sentence ends: no unit
    at = facts.index("340M")
    assert count_unit(facts, at, at + 4) == "parameters" == count_unit(facts, at, at + 15)  # the unit in the span too


def test_what_a_what_is_question_asks_to_define() -> None:
    from models.answer_types import defined_term

    assert defined_term("What is a learning rate?") == "learning rate" == defined_term("what's the learning rate")
    assert defined_term("What are LSTMs?") == "LSTMs" and defined_term("Who is Mary?") == ""
    assert defined_term("What is BERT designed to pretrain?") == "BERT designed to pretrain"


def test_a_question_without_its_question_mark_reads_as_one_with_it(reader: Reader) -> None:
    from models.answer_types import as_asked

    assert as_asked("what is a model") == "what is a model?" == as_asked("what is a model?")
    assert as_asked("Name one optimizer.") == "Name one optimizer." and as_asked("  ") == ""
    passage = "What is a model? It's a problem representation. In this case - a language representation."
    bare, asked = reader.run("what is a model", [passage]), reader.run("what is a model?", [passage])
    assert [(s.text, s.score, s.null_score) for s in bare] == [(s.text, s.score, s.null_score) for s in asked]


def test_an_answer_stops_at_a_dash_that_joins_two_clauses(reader: Reader) -> None:
    from models.span_bounds import before_a_clause_dash

    text = "Pretraining is a KEY element of BERT - we are separating understanding language from a given task"
    start = text.index("a KEY")
    assert text[start : before_a_clause_dash(text, start, len(text))] == "a KEY element of BERT"
    ranges = "Tesla lived 10 July 1856 – 7 January 1943 in all"
    assert before_a_clause_dash(ranges, 12, len(ranges)) == len(ranges)  # an en dash joins a range
    assert before_a_clause_dash("less-easy heads", 0, 15) == 15  # a hyphen inside a word
    spans = reader.run("What is pretraining?", [text])
    assert spans[0].text == "a KEY element of BERT"


def test_an_answer_that_is_half_of_a_both_and_pair_is_the_pair(reader: Reader) -> None:
    passage = (
        "BERT:\n1. is designed to pretrain deep bidirectional representations from unlabeled text by jointly"
        " conditioning on both\nleft and right context in all layers."
    )
    # The lecture's wording: "Which context does BERT condition on?" read "right" (0.54).
    span = reader.run("Which context does BERT condition on?", [passage])[0]
    assert "left and right" in span.text  # the pair, with or without its "both" (SQuAD's answers mostly drop it)
    assert " ".join(passage[span.start : span.end].split()) == span.text  # the soft-wrapped line, joined


def test_a_sentence_about_the_opposite_case_is_not_read(reader: Reader) -> None:
    passage = (
        "- Modify the learning rate.  \n  A learning rate that is too high can cause updates to overshoot.  \n"
        "  A learning rate that is too low can make training appear stagnant."
    )
    # "updates to overshoot" (0.73): the verb "cause" matched the other case's sentence.
    assert "stagnant" in reader.run("What does a low learning rate cause?", [passage])[0].text
    assert "overshoot" in reader.run("What does a high learning rate cause?", [passage])[0].text


def test_a_window_with_a_link_is_read_for_a_question_that_names_its_kind(reader: Reader) -> None:
    passage = (
        "BERT:\n1. can create models for a wide range of tasks.\n\nSource: https://aclanthology.org/N19-1423.pdf "
        "[BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding]"
    )
    spans = reader.run("What is the title of the paper?", [passage])  # shares no word with the notes
    assert spans and spans[0].text.startswith("BERT: Pre-training of Deep Bidirectional Transformers")


def test_a_count_does_not_name_what_a_which_question_asks_for(reader: Reader) -> None:
    passage = "Let us look at these examples:\n1. Not to brag, but I'm fluent in 10 languages. English and Binary."
    spans = reader.run("What languages is the speaker fluent in?", [passage])
    assert spans and "10" not in spans[0].text


def test_the_hugging_face_modules_read_the_same_answers(tmp_path: Path, real_tutor: Tutor) -> None:
    from tests.conftest import make_settings

    modules = Tutor(make_settings(tmp_path, TUTOR__MODELS__FUSED_FORWARD="false"))
    modules.warm_up(reader=True)
    try:
        reader, embedder = modules.reader, modules.embedder
        assert reader._model is not None and reader._fast is None  # BertForQuestionAnswering, not the tensors
        assert isinstance(embedder, SentenceEmbedder) and embedder._model is not None  # a SentenceTransformer
        if reader.active_precision in ("bf16", "fp16"):
            embeddings = reader._model.get_input_embeddings()
            assert isinstance(embeddings, CastEmbedding) and embeddings.weight is embedder.word_embeddings()
        for question in ("Who created BERT?", "What do larger batches produce?", "What are LSTMs slow at?"):
            assert modules.ask(question).text == real_tutor.ask(question).text
    finally:
        modules.close()
