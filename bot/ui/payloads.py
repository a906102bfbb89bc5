"""discord.py objects that serialise ids as strings.

discord.py sends some snowflakes as JSON numbers; Discord's own API description (and so the fake
Discord in the tests) types every snowflake as a string. These subclasses change only that.
"""

from __future__ import annotations

import io
from typing import Any

import discord


def _ids_as_strings(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    out = dict(data)
    for key in keys:
        value = out.get(key)
        if isinstance(value, list):
            out[key] = [str(x) for x in value]
        elif value is not None:
            out[key] = str(value)
    return out


class SnowflakeMentions(discord.AllowedMentions):
    """Allowed mentions with user and role ids as strings; merging keeps the class."""

    def merge(self, other: discord.AllowedMentions) -> discord.AllowedMentions:
        merged = super().merge(other)
        return SnowflakeMentions(
            everyone=merged.everyone, users=merged.users, roles=merged.roles, replied_user=merged.replied_user
        )

    def to_dict(self) -> dict:  # type: ignore[override]
        return _ids_as_strings(dict(super().to_dict()), ("users", "roles"))


class SnowflakeReference(discord.MessageReference):
    """A reply reference with message, channel and guild ids as strings."""

    def to_dict(self) -> dict:  # type: ignore[override]
        return _ids_as_strings(dict(super().to_dict()), ("message_id", "channel_id", "guild_id"))

    to_message_reference_dict = to_dict  # type: ignore[assignment]


class SnowflakeFile(discord.File):
    """An attachment whose id is sent as a string."""

    def to_dict(self, index: int) -> dict[str, Any]:
        return _ids_as_strings(super().to_dict(index), ("id",))


def png_file(data: bytes, filename: str) -> SnowflakeFile:
    return SnowflakeFile(io.BytesIO(data), filename=filename)
