from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runtime import quiet_libraries
from knowledge.config import REPO_ROOT, Settings, load_settings
from knowledge.tutor import Tutor
from tests.fakes import HashingEmbedder

quiet_libraries()

SHARED = REPO_ROOT.parent / "shared"
LECTURE = REPO_ROOT / "knowledge" / "lectures" / "02-language-and-bert.md"
DEV_SET = SHARED / "eval" / "dev.jsonl"


def make_settings(tmp: Path, **env: str) -> Settings:
    overrides = {"TUTOR__PATHS__DATA_DIR": json.dumps(str(tmp))} | env
    return load_settings(REPO_ROOT / "config.toml", env=overrides)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def fake_tutor(settings: Settings) -> Iterator[Tutor]:
    tutor = Tutor(settings, embedder=HashingEmbedder())
    tutor.warm_up()
    yield tutor
    tutor.close()


@pytest.fixture(scope="session")
def real_tutor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tutor]:
    """The real packaged embedder and reader, loaded once per test session."""
    tutor = Tutor(make_settings(tmp_path_factory.mktemp("real")))
    tutor.warm_up(reader=True)
    yield tutor
    tutor.close()


def dev_items() -> list[dict]:
    if not DEV_SET.exists():
        pytest.skip("../shared/eval/dev.jsonl is not here")
    return [json.loads(line) for line in DEV_SET.read_text().splitlines() if line.strip()]
