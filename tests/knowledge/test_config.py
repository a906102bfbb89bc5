from pathlib import Path

import pytest

from knowledge.config import REPO_ROOT, ConfigError, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_the_shipped_config_is_valid() -> None:
    s = load_settings(REPO_ROOT / "config.toml", env={})
    assert s.retrieval.top_k >= 1 and s.database_url.startswith("sqlite:///")


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("[retrieval]\ntop_kk = 3\n", "retrieval.top_kk"),
        ('[retrieval]\ntop_k = "three"\n', "retrieval.top_k"),
        ("[retrieval]\ntop_k = 0\n", "retrieval.top_k"),
        ('[models]\ndevice = "tpu"\n', "models.device"),
        ("[ingest]\nmax_passage_tokens = 900\n", "ingest.max_passage_tokens"),
        ("[nonsense]\nx = 1\n", "nonsense"),
    ],
)
def test_bad_values_name_the_key_and_the_file(tmp_path: Path, body: str, key: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    assert str(path) in str(info.value) and f"[{key}]" in str(info.value)


def test_broken_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[retrieval\n"), env={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", env={})


def test_environment_overrides_and_their_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "[retrieval]\ntop_k = 3\n")
    s = load_settings(path, env={"TUTOR__RETRIEVAL__TOP_K": "7", "TUTOR__DISCORD__GUILD_IDS": "[1, 2]"})
    assert s.retrieval.top_k == 7 and s.discord.guild_ids == [1, 2]
    with pytest.raises(ConfigError, match=r"\[retrieval.top_k\]"):
        load_settings(path, env={"TUTOR__RETRIEVAL__TOP_K": "-1"})
    with pytest.raises(ConfigError, match="TUTOR__TOPK"):
        load_settings(path, env={"TUTOR__TOPK": "1"})


def test_relative_paths_resolve_against_the_config_file(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, '[paths]\ndata_dir = "state"\n'), env={})
    assert s.data_dir == tmp_path / "state"
    assert s.database_url == f"sqlite:///{tmp_path / 'state' / 'tutor.db'}"
