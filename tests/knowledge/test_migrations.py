"""Alembic migrations: from an empty database, and upgrading one that holds data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from knowledge.store import MIGRATIONS, Store, make_engine, migrate


def alembic_config(conn) -> Config:  # type: ignore[no-untyped-def]
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def test_an_empty_database_migrates_to_head(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"lectures", "passages", "questions", "votes", "terms", "students", "attempts", "schedules"} <= tables
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0003"


def test_an_existing_database_is_upgraded_without_losing_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(
            text(
                "insert into lectures (name, title, source, content_hash, text, added_at) "
                "values ('old', 'Old', 'old.md', 'h', 'Some text.', '2026-01-01 00:00:00')"
            )
        )
    assert "terms" not in inspect(engine).get_table_names()
    store = Store(url)  # opening the store upgrades it
    assert [lec.name for lec in store.lectures()] == ["old"]
    assert "schedules" in inspect(store.engine).get_table_names()
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
        command.upgrade(alembic_config(conn), "head")
    assert [lec.name for lec in store.lectures()] == ["old"]


@pytest.mark.skipif(not os.environ.get("TUTOR_TEST_POSTGRES_URL"), reason="TUTOR_TEST_POSTGRES_URL not set")
def test_postgres_migrates(tmp_path: Path) -> None:
    store = Store(os.environ["TUTOR_TEST_POSTGRES_URL"])
    assert "schedules" in inspect(store.engine).get_table_names()
    store.close()
