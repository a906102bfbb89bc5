"""The packaged sentence embedder (loaded once per session through the real tutor)."""

import json
from pathlib import Path

import numpy as np

from knowledge.tutor import Tutor
from models.embedder import FEW, SentenceEmbedder, packaged_minilm_path, plain_mean_pooled_bert


def test_texts_embed_as_sentence_transformers_encodes_them(real_tutor: Tutor) -> None:
    from sentence_transformers import SentenceTransformer

    embedder = real_tutor.embedder
    assert isinstance(embedder, SentenceEmbedder)
    assert embedder._model is None and embedder._fast is not None  # read from its files, not a SentenceTransformer
    texts = ["What do larger batches produce?", "hi", "BERT " * 400]  # short, tiny, truncated to 256 tokens
    texts += [f"Passage {i}: " + "attention heads read tokens " * (i % 7) for i in range(70)]  # several batches
    reference = SentenceTransformer(embedder.path, device="cpu").encode(
        texts, normalize_embeddings=True, convert_to_numpy=True
    )
    few = embedder.embed(texts[:3])
    assert len(few) <= FEW and few.dtype == np.float32 and few.shape == (3, embedder.dimension)
    np.testing.assert_allclose(few, reference[:3], atol=1e-5)
    np.testing.assert_allclose(embedder.embed(texts), reference, atol=1e-5)  # more than FEW: batched


def test_a_model_that_is_not_a_plain_mean_pooled_bert_loads_through_sentence_transformers(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "cls-pooled"
    shutil.copytree(packaged_minilm_path(), folder)
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text()) | {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}
    pooling.write_text(json.dumps(config))
    assert plain_mean_pooled_bert(packaged_minilm_path()) and not plain_mean_pooled_bert(folder)
    assert not plain_mean_pooled_bert(tmp_path / "missing")
    embedder = SentenceEmbedder(str(folder), device="cpu")
    vecs = embedder.embed(["What is a token?", "A token is a piece of a word."])
    assert embedder._model is not None and embedder._fast is None
    assert vecs.shape == (2, 384) and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_many_texts_embed_in_small_batches_as_in_one() -> None:
    from models.embedder import embed_in_small_batches
    from tests.fakes import HashingEmbedder

    class Counting(HashingEmbedder):
        def __init__(self) -> None:
            super().__init__()
            self.sizes: list[int] = []

        def embed(self, texts: list[str]) -> np.ndarray:
            self.sizes.append(len(texts))
            return super().embed(texts)

    fake = Counting()
    texts = [f"joke number {i}" for i in range(21)]
    np.testing.assert_allclose(embed_in_small_batches(fake, texts, batch=8), HashingEmbedder().embed(texts))
    assert fake.sizes == [8, 8, 5]
    assert embed_in_small_batches(fake, []).shape == (0, fake.dimension)
