"""Small helpers shared by the end-to-end tests."""

from __future__ import annotations

from typing import Any

from tests.fake_discord.server import FakeDiscord, Recorded


def opt(name: str, value: Any, type_: int = 3) -> dict[str, Any]:
    """A slash-command option (3 string, 4 integer, 5 boolean, 11 attachment)."""
    return {"name": name, "type": type_, "value": value}


def callback(fake: FakeDiscord, payload: dict[str, Any]) -> Recorded | None:
    """The bot's initial response to an interaction, if it has come."""
    return next((r for r in fake.for_interaction(payload) if r.path.endswith("/callback")), None)


async def followup(fake: FakeDiscord, payload: dict[str, Any]) -> Recorded:
    """The followup (or edited original) that carries the result after a defer."""
    return await fake.wait_for(
        lambda: next((r for r in fake.for_interaction(payload) if r.path.startswith("/webhooks")), None), 30
    )


def buttons(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for row in body.get("components", []) for c in row["components"]]
