from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.config import Settings
from knowledge.store import Store
from knowledge.tutor import Tutor, TutorError
from tests.conftest import LECTURE
from tests.fakes import FailingEmbedder, HashingEmbedder


def snapshot(tutor: Tutor) -> tuple[list[tuple[str, str, int]], str, int]:
    return (
        [(x.name, x.content_hash, x.passages) for x in tutor.lectures()],
        tutor.store.generation(),
        len(tutor.index),
    )


def assert_store_and_index_agree(tutor: Tutor) -> None:
    ids, vectors, gen = tutor.store.vectors()
    assert tutor.index.generation == gen
    assert len(tutor.index) == len(ids)
    for pid, vec in zip(ids[:20], vectors[:20], strict=False):
        assert tutor.index.search(vec, 1)[0][0] == pid


def test_first_use_builds_the_index_from_the_bundled_lecture(fake_tutor: Tutor) -> None:
    [lec] = fake_tutor.lectures()
    assert lec.name == "02-language-and-bert" and lec.title == "02 Language and BERT"
    assert lec.passages > 3
    assert_store_and_index_agree(fake_tutor)


def test_reingesting_an_unchanged_lecture_does_nothing(fake_tutor: Tutor) -> None:
    before = snapshot(fake_tutor)
    [rep] = fake_tutor.ingest_path(LECTURE)
    assert rep.status == "unchanged"
    assert snapshot(fake_tutor) == before


def test_a_changed_lecture_replaces_its_passages(fake_tutor: Tutor, tmp_path: Path) -> None:
    path = tmp_path / "02-language-and-bert.md"
    path.write_text(LECTURE.read_text(encoding="utf-8") + "\n# Extra\n\nTokenizers split words into word pieces.\n")
    [rep] = fake_tutor.ingest_path(path)
    assert rep.status == "replaced"
    [lec] = fake_tutor.lectures()
    assert lec.passages == rep.passages
    hits = fake_tutor.search("tokenizers split words into word pieces").hits
    assert hits[0].passage.section == "Extra"
    assert_store_and_index_agree(fake_tutor)


def test_remove_takes_the_vectors_with_it(fake_tutor: Tutor, tmp_path: Path) -> None:
    path = tmp_path / "extra-notes.txt"
    path.write_text("Gradient clipping keeps exploding gradients in check.\n")
    fake_tutor.ingest_path(path)
    assert fake_tutor.search("gradient clipping exploding").hits[0].passage.lecture == "extra-notes"
    fake_tutor.remove("extra-notes")
    assert all(h.passage.lecture != "extra-notes" for h in fake_tutor.search("gradient clipping", k=10).hits)
    assert_store_and_index_agree(fake_tutor)


def test_offsets_point_at_the_stored_lecture_text(fake_tutor: Tutor) -> None:
    text = fake_tutor.store.lecture_text("02-language-and-bert")
    assert text is not None
    for p in fake_tutor.store.lecture_passages("02-language-and-bert"):
        assert text[p.start : p.end] == p.text


def test_sections_are_each_lectures_headings_in_order(fake_tutor: Tutor) -> None:
    expected = list(dict.fromkeys(p.section for p in fake_tutor.store.lecture_passages("02-language-and-bert")))
    assert fake_tutor.store.sections() == [("02 Language and BERT", expected)]
    assert expected[:2] == ["Good evening again!", "General rules"] and expected[-1] == "BERT"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"\n\n   \n", "empty"),
        ("picture.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("symbols.md", b"--- *** ___ ...\n", "no text"),
        ("slides.pdf", b"%PDF-1.4 hello", "Markdown"),
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(
    fake_tutor: Tutor, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    before = snapshot(fake_tutor)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TutorError, match=message):
        fake_tutor.ingest_path(path)
    assert snapshot(fake_tutor) == before


def test_missing_and_huge_files_are_refused(fake_tutor: Tutor, tmp_path: Path) -> None:
    before = snapshot(fake_tutor)
    with pytest.raises(TutorError, match="no such file"):
        fake_tutor.ingest_path(tmp_path / "nope.md")
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"word " * 4_000_000)  # 20 MB
    with pytest.raises(TutorError, match="MB"):
        fake_tutor.ingest_path(huge)
    assert snapshot(fake_tutor) == before


def test_unknown_lecture_and_bad_queries(fake_tutor: Tutor) -> None:
    before = snapshot(fake_tutor)
    with pytest.raises(TutorError, match="no lecture named 'nope'"):
        fake_tutor.remove("nope")
    for query in ("", "   ", "?!", "x" * 10_000):
        with pytest.raises(TutorError):
            fake_tutor.search(query)
    with pytest.raises(TutorError, match="text"):
        fake_tutor.search(42)  # type: ignore[arg-type]
    assert snapshot(fake_tutor) == before


def test_a_crash_mid_ingest_leaves_the_previous_state_usable(settings: Settings, tmp_path: Path) -> None:
    good = Tutor(settings, embedder=HashingEmbedder())
    good.warm_up()
    before = snapshot(good)
    good.close()
    path = tmp_path / "02-language-and-bert.md"
    path.write_text(LECTURE.read_text(encoding="utf-8") + "\nA brand new closing sentence.\n" * 40)
    crashing = Tutor(settings, embedder=FailingEmbedder(fail_on_call=1))
    crashing.warm_up()
    with pytest.raises(RuntimeError):
        crashing.ingest_path(path)
    crashing.close()
    again = Tutor(settings, embedder=HashingEmbedder())
    again.warm_up()
    assert snapshot(again) == before
    assert again.search("learning rate").hits


def test_a_stale_or_corrupt_index_file_is_rebuilt(settings: Settings) -> None:
    tutor = Tutor(settings, embedder=HashingEmbedder())
    tutor.warm_up()
    expected = snapshot(tutor)
    tutor.close()
    settings.index_path.write_bytes(b"garbage")
    fresh = Tutor(settings, embedder=HashingEmbedder())
    fresh.warm_up()
    assert snapshot(fresh) == expected
    assert_store_and_index_agree(fresh)


def test_two_tutors_on_one_store_stay_in_step(settings: Settings, tmp_path: Path) -> None:
    a = Tutor(settings, embedder=HashingEmbedder())
    b = Tutor(settings, embedder=HashingEmbedder())
    a.warm_up()
    b.warm_up()
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nDropout randomly zeroes activations during training.\n")
    a.ingest_path(path)
    [hit] = [h for h in b.search("dropout zeroes activations").hits if h.passage.lecture == "notes"]
    assert hit.rank == 1 and "randomly zeroes" in hit.passage.text  # b now keeps this passage in memory
    assert_store_and_index_agree(b)
    path.write_text("# Notes\n\nDropout zeroes activations at random, never at inference.\n")
    a.ingest_path(path)  # another process changes it: b must not serve its copy
    [hit] = [h for h in b.search("dropout zeroes activations").hits if h.passage.lecture == "notes"]
    assert "never at inference" in hit.passage.text
    assert_store_and_index_agree(b)


def test_vectors_are_normalised_and_stored(fake_tutor: Tutor) -> None:
    _, vectors, _ = fake_tutor.store.vectors()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_the_generation_is_selected_again_only_after_someone_commits(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer, reader = Store(database_url), Store(database_url)  # two engines: as two processes
    selects: list[str] = []
    select_generation = reader._select_generation

    def counted() -> str:
        selects.append(select_generation())
        return selects[-1]

    monkeypatch.setattr(reader, "_select_generation", counted)
    first = reader.generation()
    assert reader.generation() == reader.generation() == first
    with writer.session() as s:
        changed = Store._bump(s)
        s.commit()
    assert reader.generation() == changed != first
    with reader.session() as s:  # its own writes go through its pool, not its watching connection
        mine = Store._bump(s)
        s.commit()
    assert reader.generation() == mine
    if database_url.startswith("sqlite"):  # PRAGMA data_version; other databases select every time
        assert len(selects) == 3
    writer.close()
    reader.close()
