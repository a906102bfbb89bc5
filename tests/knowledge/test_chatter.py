import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.chatter import without_chatter


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("Hey tutor, quick question: in which year was BERT born? Thanks!", "in which year was BERT born?"),
        ("Hi everyone! What is BERT?", "What is BERT?"),
        ("I have a question. Who created BERT?", "Who created BERT?"),
        ("Sorry if this is obvious. What is a model? Thanks in advance :)", "What is a model?"),
        ("hi what is bert", "what is bert"),
        ("So, what is a token?", "what is a token?"),
        ("Hello there - how many parameters does BERT_LARGE have? ty", "how many parameters does BERT_LARGE have?"),
        ("<@123> hey <@!456>, question: what is relu? cheers", "<@123> hey <@!456>, question: what is relu?"),
        ("Yo, sorry to bother: what is relu? thx", "what is relu?"),
    ],
)
def test_greetings_and_thanks_are_taken_off(message: str, question: str) -> None:
    assert without_chatter(message) == question


@pytest.mark.parametrize(
    "message",
    [
        "Quick question about the lecture. What is BERT?",  # names its topic
        "Question about LSTMs: why are they slow?",
        "I'm reading about BERT. Who created it?",
        "Hidden layers: what are they?",  # "Hi" inside a word is no greeting
        "What is the meaning of thanks",  # a word of the question, not a sentence of its own
        'What does "please" mean here?',
        "Is a question mark needed?",
        "What is BERT? I could not find it in the slides.",
        "thanks",  # nothing but chat: kept as typed, not emptied
        "Hi! Thanks!",
    ],
)
def test_what_names_a_topic_or_is_all_there_is_stays(message: str) -> None:
    assert without_chatter(message) == message


@given(st.text(max_size=120))
def test_the_question_is_a_piece_of_the_message_and_never_empty(message: str) -> None:
    question = without_chatter(message)
    assert question in message
    assert any(ch.isalnum() for ch in question) == any(ch.isalnum() for ch in message.strip())
