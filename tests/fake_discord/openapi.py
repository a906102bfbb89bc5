"""Check requests against Discord's own OpenAPI description (shared/discord/openapi.json)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SPEC_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "discord" / "openapi.json"


@cache
def spec() -> dict[str, Any]:
    return json.loads(SPEC_PATH.read_text())  # type: ignore[no-any-return]


@cache
def _routes() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for template in spec()["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/]+", re.escape(template))
        out.append((re.compile(f"^{pattern}$"), template))
    # literal segments (e.g. @original) must win over parameters
    out.sort(key=lambda x: x[1].count("{"))
    return out


@cache
def _validator(template: str, method: str, content_type: str) -> Draft202012Validator | None:
    op = spec()["paths"][template][method]
    body = op.get("requestBody")
    if body is None:
        return None
    media = body["content"].get(content_type)
    if media is None:
        raise AssertionError(f"{method.upper()} {template} does not accept {content_type}")
    schema = dict(media["schema"])
    schema["components"] = spec()["components"]
    return Draft202012Validator(schema)


def check(method: str, path: str, content_type: str | None, body: Any) -> list[str]:
    """Problems with a request (empty list: Discord would accept its shape)."""
    template = next((t for pattern, t in _routes() if pattern.match(path)), None)
    if template is None:
        return [f"{method} {path}: no such route in Discord's API"]
    m = method.lower()
    if m not in spec()["paths"][template]:
        return [f"{method} {template}: method not allowed"]
    if body is None:
        return []
    try:
        validator = _validator(template, m, content_type or "application/json")
    except AssertionError as exc:
        return [str(exc)]
    if validator is None:
        return [f"{method} {template}: takes no body"]
    return [f"{method} {template}: {e.json_path}: {e.message[:300]}" for e in validator.iter_errors(body)]
