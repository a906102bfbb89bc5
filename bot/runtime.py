"""Shared start-up for every interface: logging, settings and one Tutor per process."""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

from knowledge.config import Settings, load_settings
from knowledge.tutor import Tutor


def quiet_libraries() -> None:
    """Keep model-loading chatter out of what users read."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    warnings.filterwarnings("ignore", message=r".*quantiz.*deprecated.*")
    warnings.filterwarnings("ignore", category=FutureWarning)
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover
        pass


def setup_logging(level: int = logging.WARNING, log_file: Path | None = None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if log_file is not None:
        from logging.handlers import RotatingFileHandler

        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"))
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers, force=True
    )


def make_tutor(config: Path | None = None) -> tuple[Settings, Tutor]:
    quiet_libraries()
    settings = load_settings(config)
    return settings, Tutor(settings)
