"""BM25 over passages and reciprocal-rank fusion with the embedding search."""

from pathlib import Path

import numpy as np

from knowledge.config import Settings
from knowledge.lexical import LexicalIndex, fuse
from knowledge.tutor import Tutor
from tests.fakes import HashingEmbedder


def test_bm25_finds_the_passage_that_shares_the_words() -> None:
    index = LexicalIndex()
    texts = ["We need to find the sweet spot in training.", "Larger batches produce stable updates.", "!!!"]
    index.build(np.array([7, 8, 9]), texts, "gen-1")
    assert index.generation == "gen-1"
    assert index.search("What do we need to find in training?", 3)[0][0] == 7
    assert index.search("batches", 3) == [(8, index.search("batches", 3)[0][1])]
    assert index.search("what is it?", 3) == []  # nothing but stopwords
    assert [pid for pid, _ in index.search("Which batch?", 3)] == [8]  # stemmed: batch(es)
    empty = LexicalIndex()
    empty.build(np.zeros(0, dtype=np.int64), [], "empty")
    assert empty.search("training", 3) == []


def test_fusion_rewards_agreement_and_keeps_single_list_finds() -> None:
    assert fuse([1, 2, 3], [3, 9], k=3) == [3, 1, 2]
    assert fuse([1, 2], [], k=5) == [1, 2]
    assert 9 in fuse([1, 2, 3, 4], [9], k=3)  # BM25's first pick makes the cut


def test_tutor_search_is_hybrid_and_reports_cosines(settings: Settings, tmp_path: Path) -> None:
    tutor = Tutor(settings, embedder=HashingEmbedder())
    tutor.warm_up()
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nDropout randomly zeroes activations during training.\n\n# Other\n\nUnrelated words.\n")
    tutor.ingest_path(path)
    hits = tutor.search("Which method zeroes activations?").hits
    assert hits[0].passage.lecture == "notes" and "Dropout" in hits[0].passage.text
    assert tutor.lexical.generation == tutor.index.generation == tutor.store.generation()
    vec = tutor.embedder.embed(["Which method zeroes activations?"])[0]
    sims = tutor.index.similarities(vec, [h.passage.id for h in hits])
    assert all(abs(sims[h.passage.id] - h.score) < 1e-5 for h in hits)


def test_a_link_is_found_by_what_students_call_it() -> None:
    index = LexicalIndex()
    texts = [
        "Fun facts about BERT and its size.",
        "Source: https://aclanthology.org/N19-1423.pdf [BERT: Pre-training of Deep Bidirectional Transformers]",
    ]
    index.build(np.array([1, 2]), texts, "gen-1")
    # The notes never say "paper" or "title": "What is the title of the paper?" was declined at 0.00.
    assert [pid for pid, _ in index.search("What is the title of the paper?", 2)] == [2]
