"""The packaged sentence embedder (loaded once per session through the real tutor)."""

import numpy as np

from knowledge.tutor import Tutor
from models.embedder import FEW, SentenceEmbedder


def test_a_few_texts_embed_exactly_as_encode_does(real_tutor: Tutor) -> None:
    embedder = real_tutor.embedder
    assert isinstance(embedder, SentenceEmbedder)
    texts = ["What do larger batches produce?", "hi", "BERT " * 400]  # short, tiny, truncated to 256 tokens
    few = embedder.embed(texts)
    assert len(texts) <= FEW and few.dtype == np.float32 and few.shape == (3, embedder.dimension)
    reference = embedder._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    np.testing.assert_allclose(few, reference, atol=1e-5)
    many = embedder.embed(texts * 4)  # more than FEW: batched through encode
    np.testing.assert_allclose(many[:3], few, atol=1e-5)


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
