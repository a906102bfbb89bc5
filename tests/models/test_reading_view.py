"""The reader's prose view of Markdown: blocks become sentences, and every character maps back."""

from hypothesis import given
from hypothesis import strategies as st

from models.reading_view import is_soft_break, pack, reading_view, view_sentences

FACTS = "Fun-facts:\n1. BERT_BASE contains 110M\n2. BERT is a 2018 child of Google Researchers\n3. Pretraining is key"


def test_list_items_become_sentences_each_read_with_the_lists_lead_in() -> None:
    view = reading_view(FACTS)
    assert view.text == (
        "Fun-facts: BERT_BASE contains 110M. Fun-facts: BERT is a 2018 child of Google Researchers. "
        "Fun-facts: Pretraining is key"
    )
    plain = reading_view("- Slow to train\n- Rather unidirectional")
    assert plain.text == "Slow to train. Rather unidirectional" and not plain.copies


def test_a_copied_lead_in_maps_back_to_the_lead_in_and_is_a_segment_of_its_own() -> None:
    text = "Intro line.\n\nLSTMs are:\n\n1. Slow to train\n2. Rather unidirectional\n\nAfter the list: prose."
    view = reading_view(text)
    sentences = [view.text[s:e] for s, e in view.sentences]
    assert sentences == [
        "Intro line.",
        "LSTMs are: Slow to train.",
        "LSTMs are: Rather unidirectional.",
        "After the list: prose.",
    ]
    ((c_start, c_end),) = view.copies
    assert view.text[c_start:c_end] == "LSTMs are:"
    s, e = view.to_source(c_start, c_start + len("LSTMs"))
    assert (s, e) == (text.index("LSTMs"), text.index("LSTMs") + 5)
    item = view.text.index("Rather")
    assert view.sentence_of(c_start) == view.sentence_of(item)
    assert view.segment_of(c_start) != view.segment_of(item)  # no answer runs from the copy into the item
    assert view.segment_of(item) == view.segment_of(item + 7)


def test_a_long_line_ending_in_a_colon_is_prose_not_a_lead_in() -> None:
    long_line = "In practice we tune many different things together and here they are in no particular order:"
    view = reading_view(f"{long_line}\n- one\n- two\n\nShort:\n\nNot a list.\n- three")
    assert not view.copies


def test_an_answer_is_shown_with_the_question_the_notes_ask_before_it() -> None:
    view = reading_view("Intro.\n\nWhat is a model? It's a problem representation. Models are useful.")
    at = view.text.index("problem")
    assert view.text[slice(*view.answer_sentence(at, at + 7))] == "What is a model? It's a problem representation."
    at = view.text.index("useful")  # the question is not the sentence right before: not shown
    assert view.text[slice(*view.answer_sentence(at, at + 6))] == "Models are useful."
    at = view.text.index("Intro")
    assert view.text[slice(*view.answer_sentence(at, at + 5))] == "Intro."
    listed = reading_view("Start with:\n1. What is a network?\n\nTerms to repeat:\n1. Layer\n2. Weight")
    at = listed.text.index("Layer")  # the question ends a list of its own: not this answer's
    assert listed.text[slice(*listed.answer_sentence(at, at + 5))] == "Terms to repeat: Layer."


def test_a_question_in_the_notes_is_shown_with_the_rest_of_its_line_only() -> None:
    view = reading_view("Intro.\n\nWhat is a model? It's a problem representation. Models are useful.")
    at = view.text.index("What")
    assert view.text[slice(*view.answer_sentence(at, at + 4))] == "What is a model? It's a problem representation."
    listed = reading_view("Start with:\n1. What is a network?\n\nTerms to repeat:\n1. Layer\n2. Weight")
    at = listed.text.index("What")  # the next block is another list, not this question's answer
    assert listed.text[slice(*listed.answer_sentence(at, at + 4))] == "Start with: What is a network?"
    last = reading_view("Done yet? ")
    at = last.text.index("Done")  # a question with nothing after it
    assert last.text[slice(*last.answer_sentence(at, at + 4))] == "Done yet?"


def test_soft_wraps_stay_one_sentence_and_hard_breaks_end_one() -> None:
    text = (
        "BERT is designed to pretrain on both\nleft and right context.\n"
        "Let us make a representation:  \n[1 2 3]  \nDone"
    )
    view = reading_view(text)
    assert "on both left and right context." in view.text
    assert "representation: [1 2 3]. Done" in view.text
    assert is_soft_break("pretrain on both", "left and right")
    assert not is_soft_break("two trailing spaces  ", "next")
    assert not is_soft_break("Some terms:", "- Layer")
    assert not is_soft_break("# Heading", "text")


def test_headings_and_bullets_lose_their_markers() -> None:
    view = reading_view("# BERT\n\n- Modify the learning rate.  \n  A rate that is too low stalls.\n> quoted")
    assert view.text == "BERT. Modify the learning rate. A rate that is too low stalls. quoted"


def test_view_spans_map_back_to_the_exact_source() -> None:
    view = reading_view(FACTS)
    i = view.text.index("Google Researchers")
    s, e = view.to_source(i, i + len("Google Researchers"))
    assert FACTS[s:e] == "Google Researchers"
    s, e = view.sentence_around(i, i + 6)
    assert view.text[s:e] == "Fun-facts: BERT is a 2018 child of Google Researchers."


def test_sentences_number_the_list_items() -> None:
    view = reading_view(FACTS)
    first, second = view.text.index("110M"), view.text.index("2018")
    assert view.sentence_of(first) != view.sentence_of(second)
    assert view.sentence_of(second) == view.sentence_of(view.text.index("Google"))
    assert [view.text[s:e] for s, e in view.sentences][-1] == "Fun-facts: Pretraining is key"


@given(st.text(alphabet=st.sampled_from(list("ab .:-#>1\n ")), max_size=80))
def test_every_view_character_comes_from_the_source(text: str) -> None:
    view = reading_view(text)
    assert len(view.origin) == len(view.text)
    for ch, at in zip(view.text, view.origin, strict=True):
        assert 0 <= at <= len(text)
        assert ch in " ." or text[at] == ch
    for s, e in view_sentences(view.text):
        src_s, src_e = view.to_source(s, e)
        assert 0 <= src_s <= src_e <= len(text) + 1


def test_the_other_items_of_a_list_with_a_lead_in_are_known() -> None:
    text = "Prose first.\n\nThis typically involves:\n- The learning rate  \n- The batch size\n\nPlain:\n- only one\n"
    view = reading_view(text)
    at = view.text.index("The batch size")
    assert view.other_items(at, at + 14) == ["This typically involves: The learning rate."]
    at = view.text.index("learning rate")
    assert view.other_items(at, at + 13) == ["This typically involves: The batch size."]
    assert view.other_items(0, 5) == [] and view.other_items(view.text.index("only"), len(view.text)) == []


NOTES = (
    "In practice, tune one thing at a time.\n"
    "- Modify the learning rate.  \n"
    "  A learning rate that is too high can cause updates to overshoot.\n\n"
    "- Increase the batch size.\n\n"
    "LSTMs are:\n1. Slow to\ntrain\n2. Rather unidirectional\n\nProse again.\n- a lone item\n"
)


def test_every_list_is_known_with_its_lead_in_and_each_items_first_line() -> None:
    view = reading_view(NOTES)
    tuning, lstms = view.item_lists  # a lone item is no list
    assert tuning.lead is None  # after a paragraph, not a lead-in
    # An item's first line: soft-wrapped lines join it, a hard-broken next line does not.
    assert [view.text[s:e] for s, e in tuning.items] == ["Modify the learning rate.", "Increase the batch size."]
    assert lstms.lead is not None and view.text[slice(*lstms.lead)] == "LSTMs are:"
    assert [view.text[s:e] for s, e in lstms.items] == ["Slow to train.", "Rather unidirectional."]
    # Only lists with a lead-in are read with it; their items' sentences start at the lead-in or its copy.
    assert view.lists == ((lstms.lead[0], view.text.index("LSTMs are: Rather")),)


@given(st.text(alphabet=st.sampled_from(list("ab .:-#>1\n ")), max_size=80))
def test_list_items_are_ordered_lines_of_the_view(text: str) -> None:
    view = reading_view(text)
    for lst in view.item_lists:
        assert len(lst.items) > 1 and (lst.lead is None or lst.lead[1] <= lst.items[0][0])
        assert all(e0 <= s1 for (_, e0), (s1, _) in zip(lst.items, lst.items[1:], strict=False))
        assert all(0 <= s < e <= len(view.text) and view.text[s:e].strip() for s, e in lst.items)
    for starts in view.lists:
        assert all(view.sentence_of(s) >= 0 for s in starts)


def test_an_answer_inside_a_listed_question_is_the_whole_question() -> None:
    text = "What types of problems do we solve:\n1. Where in the text is the answer?\n2. Is it funny?\n\nWhy? Ask."
    view = reading_view(text)
    at = view.text.index("Where")
    assert view.text[slice(*view.whole_question(at, at + 5))] == "Where in the text is the answer?"
    at = view.text.index("funny")
    assert view.text[slice(*view.whole_question(at, at + 5))] == "Is it funny?"  # not the copied lead-in
    at = view.text.index("Why")  # a question in prose is left alone
    assert view.whole_question(at, at + 3) == (at, at + 3)


def test_links_are_read_without_their_tracking_parameters() -> None:
    text = (
        "On SQuAD: https://rajpurkar.github.io/SQuAD-explorer/?msclkid=2b188d20c6c111ec90a8707c579811f9  \n"
        "Video: https://www.youtube.com/watch?v=xI0HHN5XKDo&utm_source=x, or www.x.org/a?utm_medium=e&id=3#top.\n"
        "What is it? https://a.b/c?"
    )
    view = reading_view(text)
    read = view.read_text
    assert len(read) == len(view.text)  # offsets into the reader's text are offsets into the view
    assert "msclkid" not in read and "2b188d" not in read and "utm_" not in read
    assert "https://rajpurkar.github.io/SQuAD-explorer/ " in read and read.count(". ") == view.text.count(". ")
    assert "watch?v=xI0HHN5XKDo" in read and "&id=3#top." in read  # what says which video or page stays
    assert "What is it? https://a.b/c?" in read  # a question mark after a link ends the sentence
    assert [a for a, b in zip(view.text, read, strict=True) if a != b and b != " "] == []


def test_pack_groups_items_with_one_shared() -> None:
    assert pack([10, 10, 10, 10], limit=25, overlap=1) == [(0, 2), (1, 3), (2, 4)]
    assert pack([30, 5], limit=20, overlap=1) == [(0, 1), (1, 2)]  # too long: a run of its own
    assert pack([], limit=20, overlap=1) == []
