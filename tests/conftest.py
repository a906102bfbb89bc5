from __future__ import annotations

import json
import os
import uuid
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


POSTGRES = os.environ.get("TUTOR_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


def make_settings(tmp: Path, database_url: str = "", **env: str) -> Settings:
    overrides = {"TUTOR__PATHS__DATA_DIR": json.dumps(str(tmp))} | env
    if database_url:
        overrides["TUTOR__PATHS__DATABASE_URL"] = json.dumps(database_url)
    return load_settings(REPO_ROOT / "config.toml", env=overrides)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLite always; PostgreSQL too when TUTOR_TEST_POSTGRES_URL is set (.ci/run starts one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tutor.db'}"
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    name = f"tutor_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield POSTGRES.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url)


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
