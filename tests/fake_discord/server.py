"""A loopback fake of Discord: the REST routes the bot uses and a gateway websocket.

Like Discord it refuses an initial interaction response sent more than 3 s after the interaction
(HTTP 404, code 10062), and it checks every request against Discord's OpenAPI description; any
violation is recorded in ``violations`` and fails the test that owns the fake.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.fake_discord.openapi import check

APP_ID = "900000000000000001"
GUILD_ID = "900000000000000100"
CHANNEL_ID = "900000000000000200"
TA_CHANNEL_ID = "900000000000000201"
EVERYONE_ROLE = GUILD_ID
INSTRUCTOR_ROLE = "900000000000000300"
BOT_USER = {
    "id": APP_ID,
    "username": "tutor",
    "discriminator": "0",
    "global_name": "Tutor",
    "avatar": None,
    "bot": True,
}
INTERACTION_DEADLINE_S = 3.0


def user(uid: str, name: str) -> dict[str, Any]:
    return {"id": uid, "username": name, "discriminator": "0", "global_name": name, "avatar": None}


STUDENT = user("900000000000001000", "student")
STUDENT2 = user("900000000000001001", "student2")
TEACHER = user("900000000000002000", "teacher")


@dataclass
class Recorded:
    method: str
    path: str
    body: Any
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py only parses a body whose content type is exactly application/json
    return web.Response(status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"})


class FakeDiscord:
    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.violations: list[str] = []
        self.attachments: dict[str, bytes] = {}
        self._dispatched: dict[str, float] = {}
        self._answered: set[str] = set()
        self._ids = itertools.count(910000000000000000)
        self._seq = 0
        self._ws: web.WebSocketResponse | None = None
        self.ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle --------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 2**20)
        app.router.add_get("/gw", self._gateway)
        app.router.add_get("/attachments/{name}", self._attachment)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gw"

    def snowflake(self) -> str:
        return str(next(self._ids))

    # -- gateway ----------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for msg in ws:
            data = json.loads(msg.data)
            if data["op"] == 1:
                await ws.send_json({"op": 11})
            elif data["op"] == 2:
                await self.dispatch(
                    "READY",
                    {
                        "v": 10,
                        "user": BOT_USER,
                        "guilds": [{"id": GUILD_ID, "unavailable": True}],
                        "session_id": "fake-session",
                        "resume_gateway_url": self.gateway_url,
                        "application": {"id": APP_ID, "flags": 0},
                    },
                )
                await self.dispatch("GUILD_CREATE", self.guild())
                self.ready.set()
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "the bot is not connected"
        self._seq += 1
        await self._ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    @staticmethod
    def role(rid: str, name: str, position: int) -> dict[str, Any]:
        return {
            "id": rid,
            "name": name,
            "color": 0,
            "hoist": False,
            "position": position,
            "permissions": "0",
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }

    @staticmethod
    def channel(cid: str, name: str) -> dict[str, Any]:
        return {
            "id": cid,
            "type": 0,
            "guild_id": GUILD_ID,
            "name": name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        }

    def member(self, u: dict[str, Any], roles: list[str]) -> dict[str, Any]:
        return {
            "user": u,
            "roles": roles,
            "joined_at": "2026-09-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "permissions": "0",
        }

    def guild(self) -> dict[str, Any]:
        return {
            "id": GUILD_ID,
            "name": "NLP class",
            "icon": None,
            "owner_id": TEACHER["id"],
            "unavailable": False,
            "roles": [self.role(EVERYONE_ROLE, "@everyone", 0), self.role(INSTRUCTOR_ROLE, "Instructor", 1)],
            "channels": [self.channel(CHANNEL_ID, "questions"), self.channel(TA_CHANNEL_ID, "ta-desk")],
            "members": [self.member(TEACHER, [INSTRUCTOR_ROLE]), self.member(STUDENT, []), self.member(STUDENT2, [])],
            "member_count": 4,
            "emojis": [],
            "stickers": [],
            "features": [],
            "premium_tier": 0,
            "large": False,
            "threads": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "voice_states": [],
            "presences": [],
            "joined_at": "2026-09-01T00:00:00+00:00",
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
        }

    # -- interactions -----------------------------------------------------------------------
    def _interaction_base(self, itype: int, u: dict[str, Any], roles: list[str]) -> dict[str, Any]:
        iid = self.snowflake()
        return {
            "id": iid,
            "application_id": APP_ID,
            "type": itype,
            "token": f"tok-{iid}",
            "version": 1,
            "guild_id": GUILD_ID,
            "channel_id": CHANNEL_ID,
            "channel": {**self.channel(CHANNEL_ID, "questions")},
            "member": self.member(u, roles),
            "app_permissions": "2251799813685247",
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD_ID},
            "context": 0,
            "attachment_size_limit": 10 * 2**20,
        }

    async def slash(
        self,
        name: str,
        options: list[dict[str, Any]] | None = None,
        u: dict[str, Any] = STUDENT,
        roles: list[str] | None = None,
        resolved: dict[str, Any] | None = None,
        sub: str | None = None,
    ) -> dict[str, Any]:
        payload = self._interaction_base(2, u, roles or [])
        opts = options or []
        if sub is not None:
            opts = [{"type": 1, "name": sub, "options": opts}]
        payload["data"] = {"id": self.snowflake(), "name": name, "type": 1, "options": opts, "guild_id": GUILD_ID}
        if resolved:
            payload["data"]["resolved"] = resolved
        self._dispatched[payload["id"]] = time.monotonic()
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def click(self, custom_id: str, message: dict[str, Any], u: dict[str, Any] = STUDENT) -> dict[str, Any]:
        payload = self._interaction_base(3, u, [])
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        payload["message"] = message
        self._dispatched[payload["id"]] = time.monotonic()
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def post_message(self, content: str, u: dict[str, Any] = STUDENT, mentions_bot: bool = True) -> str:
        """A user's message in the questions channel (MESSAGE_CREATE)."""
        mid = self.snowflake()
        await self.dispatch(
            "MESSAGE_CREATE",
            {
                "id": mid,
                "channel_id": CHANNEL_ID,
                "guild_id": GUILD_ID,
                "author": u,
                "member": {k: v for k, v in self.member(u, []).items() if k != "user"},
                "content": content,
                "timestamp": datetime.now(UTC).isoformat(),
                "edited_timestamp": None,
                "tts": False,
                "mention_everyone": False,
                "mentions": [BOT_USER] if mentions_bot else [],
                "mention_roles": [],
                "attachments": [],
                "embeds": [],
                "pinned": False,
                "type": 0,
                "flags": 0,
                "components": [],
            },
        )
        return mid

    async def submit_modal(
        self, custom_id: str, values: dict[str, str], message: dict[str, Any], u: dict[str, Any] = STUDENT
    ) -> dict[str, Any]:
        payload = self._interaction_base(5, u, [])
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()]
        payload["data"] = {"custom_id": custom_id, "components": rows}
        payload["message"] = message
        self._dispatched[payload["id"]] = time.monotonic()
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def attachment(self, filename: str, data: bytes, content_type: str = "text/markdown") -> dict[str, Any]:
        aid = self.snowflake()
        self.attachments[f"{aid}-{filename}"] = data
        url = f"http://127.0.0.1:{self.port}/attachments/{aid}-{filename}"
        return {
            "id": aid,
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": content_type,
        }

    async def _attachment(self, request: web.Request) -> web.Response:
        data = self.attachments.get(request.match_info["name"])
        return web.Response(body=data) if data is not None else web.Response(status=404)

    # -- REST -------------------------------------------------------------------------------
    async def _read_body(self, request: web.Request) -> tuple[str | None, Any, dict[str, bytes]]:
        if not request.can_read_body:
            return None, None, {}
        ctype = request.content_type
        if ctype == "multipart/form-data":
            body: dict[str, Any] = {}
            files: dict[str, bytes] = {}
            reader = await request.multipart()
            async for part in reader:  # type: ignore[union-attr]
                raw = await part.read()  # type: ignore[union-attr]
                if part.name == "payload_json":  # type: ignore[union-attr]
                    body.update(json.loads(raw))
                else:
                    files[part.name or ""] = bytes(raw)  # type: ignore[union-attr]
            return ctype, body, files
        text = await request.text()
        return ctype, (json.loads(text) if text else None), {}

    def message(self, body: dict[str, Any] | None, channel_id: str = CHANNEL_ID) -> dict[str, Any]:
        body = body or {}
        return {
            "id": self.snowflake(),
            "channel_id": channel_id,
            "author": BOT_USER,
            "content": body.get("content") or "",
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags") or 0,
            "components": body.get("components") or [],
        }

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        ctype, body, files = await self._read_body(request)
        rec = Recorded(request.method, path, body, files)
        self.requests.append(rec)
        self.violations.extend(check(request.method, path, ctype, body))
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            return json_response(BOT_USER)
        if path == "/oauth2/applications/@me":
            return json_response(
                {
                    "id": APP_ID,
                    "name": "tutor",
                    "icon": None,
                    "description": "",
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": TEACHER,
                    "verify_key": "00",
                    "flags": 0,
                }
            )
        if parts[0] == "applications" and parts[-1] == "commands" and request.method == "PUT":
            out = [
                {
                    **c,
                    "id": self.snowflake(),
                    "application_id": APP_ID,
                    "version": "1",
                    "guild_id": GUILD_ID,
                    "default_member_permissions": c.get("default_member_permissions"),
                    "type": c.get("type", 1),
                    "dm_permission": True,
                    "nsfw": False,
                }
                for c in body or []
            ]
            return json_response(out)
        if parts[0] == "interactions" and parts[-1] == "callback":
            iid = parts[1]
            started = self._dispatched.get(iid)
            if started is None or iid in self._answered or time.monotonic() - started > INTERACTION_DEADLINE_S:
                if started is not None and iid not in self._answered:
                    self.violations.append(f"interaction {iid} answered after {time.monotonic() - started:.1f}s")
                return json_response({"message": "Unknown interaction", "code": 10062}, status=404)
            self._answered.add(iid)
            resource: dict[str, Any] = {"type": (body or {}).get("type")}
            if (body or {}).get("type") in (4, 7):
                resource["message"] = self.message((body or {}).get("data"))
            return json_response({"interaction": {"id": iid, "type": 2}, "resource": resource})
        if parts[0] == "webhooks":
            return json_response(self.message(body if isinstance(body, dict) else None))
        if parts[0] == "channels" and parts[-1] == "messages" and request.method == "POST":
            return json_response(self.message(body, parts[1]))
        if parts[0] == "channels" and parts[-1] == "typing":
            return web.Response(status=204)
        self.violations.append(f"fake Discord has no handler for {request.method} {path}")
        return json_response({"message": "Not Found", "code": 0}, status=404)

    # -- helpers for tests ------------------------------------------------------------------
    def for_interaction(self, payload: dict[str, Any]) -> list[Recorded]:
        token = payload["token"]
        return [r for r in self.requests if f"/{payload['id']}/{token}/" in r.path or f"/{token}" in r.path]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = predicate()
            if result:
                return result
            await asyncio.sleep(0.02)
        raise AssertionError("timed out waiting for the bot")
