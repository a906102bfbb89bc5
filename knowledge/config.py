"""Settings from ``config.toml``, validated at start, with environment overrides.

Environment variables named ``TUTOR__<SECTION>__<KEY>`` override the file (values are parsed as
TOML where possible, so ``TUTOR__DISCORD__GUILD_IDS=[1, 2]`` works). Secrets never live here: the
Discord token is read from ``DISCORD_TOKEN`` by the bot alone.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO_ROOT / "config.toml"
ENV_PREFIX = "TUTOR__"


class ConfigError(Exception):
    """A configuration problem, with the file and key it concerns."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PathsConfig(_Section):
    data_dir: str = "data"
    database_url: str = ""
    index_path: str = ""
    default_lectures: list[str] = Field(default_factory=lambda: ["knowledge/lectures"])


class ModelsConfig(_Section):
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    embedder: str = "packaged:all-MiniLM-L6-v2"
    reader: str = "packaged:minilm-squad"
    embed_batch_size: int = Field(64, ge=1, le=4096)
    torch_threads: int = Field(0, ge=0, le=256)
    reader_precision: Literal["auto", "bf16", "int8", "fp32"] = "auto"
    fused_forward: bool = True  # BERT encoders run in fused calls (models/fast_bert.py); false: the HF modules


class IngestConfig(_Section):
    max_passage_tokens: int = Field(200, ge=16, le=250)
    overlap_sentences: int = Field(1, ge=0, le=5)
    max_file_bytes: int = Field(5_000_000, ge=1, le=100_000_000)


class RetrievalConfig(_Section):
    top_k: int = Field(3, ge=1, le=50)
    index: Literal["auto", "flat", "hnsw"] = "auto"
    hnsw_threshold: int = Field(20_000, ge=1)
    hnsw_ef_search: int = Field(512, ge=8, le=4096)
    min_similarity: float = Field(0.05, ge=-1.0, le=1.0)
    hybrid: bool = True  # fuse the embedding search with BM25 (reciprocal rank)
    candidates: int = Field(20, ge=1, le=1000)  # taken from each ranking before fusion
    correct_spelling: bool = True  # a misspelt word is read as the course's word one edit away


class ReaderConfig(_Section):
    max_answer_tokens: int = Field(30, ge=1, le=256)
    max_seq_length: int = Field(384, ge=64, le=512)
    doc_stride: int = Field(128, ge=16, le=256)
    window_tokens: int = Field(96, ge=0, le=512)
    skip_unrelated_windows: bool = True
    confidence_threshold: Annotated[float, Field(ge=0.0, le=1.0)] | Literal["auto"] = "auto"


class DiscordConfig(_Section):
    guild_ids: list[int] = Field(default_factory=list)
    instructor_role: str = "Instructor"
    ta_channel_id: int = Field(0, ge=0)
    help_channel_ids: list[int] = Field(default_factory=list)
    message_content_intent: bool = False
    cooldown_seconds: float = Field(10.0, ge=0.0, le=3600.0)
    max_upload_bytes: int = Field(1_000_000, ge=1, le=25_000_000)
    log_file: str = "data/bot.log"


class QuizConfig(_Section):
    glossary_dir: str = "knowledge/glossary"
    default_count: int = Field(5, ge=1, le=20)
    free_text_threshold: float = Field(0.5, ge=0.0, le=1.0)
    session_minutes: int = Field(60, ge=1, le=24 * 60)
    retention_days: int = Field(365, ge=0)


class Settings(_Section):
    paths: PathsConfig = Field(default_factory=lambda: PathsConfig())
    models: ModelsConfig = Field(default_factory=lambda: ModelsConfig())
    ingest: IngestConfig = Field(default_factory=lambda: IngestConfig())
    retrieval: RetrievalConfig = Field(default_factory=lambda: RetrievalConfig())
    reader: ReaderConfig = Field(default_factory=lambda: ReaderConfig())
    discord: DiscordConfig = Field(default_factory=lambda: DiscordConfig())
    quiz: QuizConfig = Field(default_factory=lambda: QuizConfig())
    base_dir: Path = Field(default=REPO_ROOT, exclude=True)

    def resolve(self, path: str) -> Path:
        p = Path(path).expanduser()
        return p if p.is_absolute() else self.base_dir / p

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.paths.data_dir)

    @property
    def database_url(self) -> str:
        return self.paths.database_url or f"sqlite:///{self.data_dir / 'tutor.db'}"

    @property
    def index_path(self) -> Path:
        return self.resolve(self.paths.index_path) if self.paths.index_path else self.data_dir / "passages.faiss"


def _parse_env_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _apply_env(data: dict[str, Any], env: Mapping[str, str]) -> list[str]:
    applied: list[str] = []
    for name, raw in env.items():
        if not name.startswith(ENV_PREFIX):
            continue
        parts = name[len(ENV_PREFIX) :].lower().split("__")
        if len(parts) != 2:
            raise ConfigError(f"environment variable {name}: expected {ENV_PREFIX}<SECTION>__<KEY>")
        section, key = parts
        data.setdefault(section, {})
        if not isinstance(data[section], dict):
            raise ConfigError(f"environment variable {name}: [{section}] is not a section")
        data[section][key] = _parse_env_value(raw)
        applied.append(f"{section}.{key}")
    return applied


def load_settings(path: Path | str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read, override from the environment and validate; raise :class:`ConfigError` on any problem."""
    cfg_path = Path(path) if path is not None else Path(os.environ.get("TUTOR_CONFIG", DEFAULT_CONFIG))
    env = os.environ if env is None else env
    try:
        data = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{cfg_path}: configuration file not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{cfg_path}: not a UTF-8 text file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{cfg_path}: not valid TOML: {exc}") from None
    _apply_env(data, env)
    data["base_dir"] = cfg_path.resolve().parent
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            problems.append(f"{cfg_path}: [{key}] {err['msg']}")
        raise ConfigError("\n".join(problems)) from None
