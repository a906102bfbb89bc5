import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ui.token_image import render_tokens
from models.text_demos import DemoError, bag_of_words, ngrams, tokenize


def test_wordpiece_tokens_and_ids_for_known_words() -> None:
    r = tokenize("unaffable")
    assert [p.token for p in r.pieces] == ["[CLS]", "una", "##ffa", "##ble", "[SEP]"]
    assert [p.id for p in r.pieces] == [101, 14477, 20961, 3468, 102]
    assert r.pieces[1].start == 0 and r.pieces[3].end == 9
    assert r.count == 5 and r.fits_bert


def test_the_lectures_vocabulary_index_representation() -> None:
    r = tokenize("I love dogs and dogs love snacks.")
    assert r.indices == [1, 2, 3, 4, 3, 2, 5]
    assert list(r.vocabulary) == ["i", "love", "dogs", "and", "snacks"]
    assert tokenize("I love dogs and dogs love snacks.", drop_stopwords=True).indices == [1, 2, 2, 1, 3]


def test_long_text_is_truncated_with_a_note_and_the_512_limit_is_reported() -> None:
    r = tokenize("unaffable " * 2000)  # 20,000 characters
    assert r.truncated and len(r.text) == 2000
    assert not r.fits_bert


def test_ngram_counts() -> None:
    r = ngrams("I love dogs and dogs love snacks.", 1)
    assert r.counts[:2] == [("love", 2), ("dogs", 2)] and r.total == 7
    r2 = ngrams("the cat sat on the cat mat", 2)
    assert r2.counts[0] == ("the cat", 2)
    assert ngrams("I love dogs and dogs love snacks.", 1, drop_stopwords=True).counts[0] == ("love", 2)
    assert ngrams("abab", 2, chars=True).counts[0] == ("ab", 2)


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_n_outside_one_to_five(bad: int) -> None:
    with pytest.raises(DemoError, match="1 to 5"):
        ngrams("some words here", bad)


def test_empty_and_invisible_text_is_refused() -> None:
    for text in ("", "   ", "\u200b\u200b", "\ufeff"):
        with pytest.raises(DemoError, match="empty"):
            tokenize(text)


def test_bag_of_words_cannot_see_word_order() -> None:
    vocab, a, b, cos = bag_of_words("Mary asked John to leave.", "Mary asked to leave John.")
    assert vocab == ["mary", "asked", "john", "to", "leave"] and a == b == [1, 1, 1, 1, 1]
    assert cos == pytest.approx(1.0)


def test_token_picture_is_a_png() -> None:
    png = render_tokens(tokenize("The unaffable transformer 🤖 tokenizes words."))
    assert png.startswith(b"\x89PNG") and len(png) > 1000


@settings(max_examples=30, deadline=None)
@given(
    st.text(min_size=1, max_size=300).filter(
        lambda s: s.strip() and s.strip("\u200b\ufeff\u200c\u200d\u200e\u200f\u2060").strip()
    )
)
def test_demos_never_crash_on_odd_unicode(text: str) -> None:
    r = tokenize(text)
    assert r.pieces[0].token == "[CLS]" and r.pieces[-1].token == "[SEP]"
    ngrams(text, 3)
