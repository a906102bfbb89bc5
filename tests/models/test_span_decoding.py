import torch

from models.span_bounds import snap_to_words
from models.span_decoding import best_spans


def logits(length: int, start: dict[int, float], end: dict[int, float]) -> tuple[torch.Tensor, torch.Tensor]:
    s = torch.full((1, length), -5.0)
    e = torch.full((1, length), -5.0)
    for k, v in start.items():
        s[0, k] = v
    for k, v in end.items():
        e[0, k] = v
    return s, e


def test_best_span_respects_order_context_and_length() -> None:
    mask = torch.zeros((1, 10), dtype=torch.bool)
    mask[0, 4:9] = True
    # the highest start is in the question (token 1) and must be ignored; end before start is invalid
    s, e = logits(10, {1: 9.0, 5: 3.0, 7: 2.0}, {4: 8.0, 6: 2.5, 8: 1.0})
    st, en, score, null = best_spans(s, e, mask, max_answer_tokens=5)
    assert (int(st[0]), int(en[0])) == (5, 6)
    assert float(score[0]) == 5.5
    assert float(null[0]) == -10.0
    st, en, _, _ = best_spans(s, e, mask, max_answer_tokens=1)
    assert int(st[0]) == int(en[0])


def test_features_without_context_score_minus_infinity() -> None:
    s, e = logits(6, {2: 1.0}, {3: 1.0})
    _, _, score, _ = best_spans(s, e, torch.zeros((1, 6), dtype=torch.bool), 5)
    assert score[0] == float("-inf")


def test_snapping_to_words() -> None:
    text = "Larger batches produce gradients with lower variance."
    s = text.index("adients")
    assert text[slice(*snap_to_words(text, s, s + 5))] == "gradients"
    s = text.index("lower")
    assert text[slice(*snap_to_words(text, s, len(text)))] == "lower variance"
    t2 = "It has 110M parameters, BERT_LARGE has 340M."
    assert t2[slice(*snap_to_words(t2, 7, 23))] == "110M parameters"
    t3 = "as efficient as possible it means - take the least space, -5 degrees"
    s = t3.index("- take")
    assert t3[slice(*snap_to_words(t3, s, s + 24))] == "take the least space"  # was "- take the least space"
    assert t3[slice(*snap_to_words(t3, t3.index(", -5"), len(t3)))] == "-5 degrees"  # the minus stays


def test_spans_stay_inside_one_segment() -> None:
    mask = torch.ones((1, 6), dtype=torch.bool)
    s, e = logits(6, {1: 5.0, 3: 1.0}, {4: 5.0, 2: 1.0})
    segments = torch.tensor([[0, 0, 0, 1, 1, 1]])  # list item 0 = tokens 0-2, item 1 = tokens 3-5
    st, en, _, _ = best_spans(s, e, mask, 6)
    assert (int(st[0]), int(en[0])) == (1, 4)  # unconstrained: runs across the item boundary
    st, en, score, _ = best_spans(s, e, mask, 6, segments)
    assert int(segments[0, st[0]]) == int(segments[0, en[0]])
    assert float(score[0]) == 6.0


def test_a_span_must_hold_a_marked_token_where_asked() -> None:
    mask = torch.ones((2, 6), dtype=torch.bool)
    s, e = logits(6, {1: 5.0, 4: 1.0}, {2: 5.0, 5: 1.0})
    s, e = s.repeat(2, 1), e.repeat(2, 1)
    needed = torch.tensor([[0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0]], dtype=torch.bool)
    st, en, score, _ = best_spans(s, e, mask, 6, must_contain=needed)
    assert (int(st[0]), int(en[0])) == (1, 5)  # the best span that holds token 4
    assert float(score[1]) == float("-inf")  # nothing marked: no span at all
    st, en, _, _ = best_spans(s, e, mask, 6)
    assert (int(st[0]), int(en[0])) == (1, 2)


def test_a_span_inside_a_url_becomes_the_whole_link() -> None:
    text = "Source: https://www.manning.com/books/deep-learning-with-python. On SQuAD: www.squad.org/x?id=7 ok"
    s = text.index("books")
    assert text[slice(*snap_to_words(text, s, s + 5))] == "https://www.manning.com/books/deep-learning-with-python"
    s = text.index("id=7")
    assert text[slice(*snap_to_words(text, s, s + 2))] == "www.squad.org/x?id=7"
    s = text.index("Source")
    assert text[slice(*snap_to_words(text, s, s + 6))] == "Source"  # beside a link, words stay words
