"""Neural and statistical parts: embedder, QA reader, device choice, training."""
