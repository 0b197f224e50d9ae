"""Fixtures the action item tests share: workers, resolutions, items, and real files;
and two helpers the service tests read the database with."""

from __future__ import annotations

import struct
import zlib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions import services
from govhub.audit.models import AuditEvent
from govhub.core.models import utcnow
from govhub.extensions import db


def png_bytes(width: int = 24, height: int = 16, colour=(11, 110, 79)) -> bytes:
    """A real PNG (8-bit RGB), built with zlib and struct: a coloured stripe on white."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(
        b"\x00" + b"".join(bytes(colour) if y < height // 2 else b"\xff\xff\xff"
                           for _x in range(width))
        for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _actions(item) -> list[str]:
    return list(db.session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.target_type == "action_items",
                                           AuditEvent.target_id == item.id)
        .order_by(AuditEvent.id)))


# The first bytes of programs for Linux (ELF) and Windows (PE, "MZ").
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def worker(make_user):
    return make_user("worker", display_name="社区工作者甲")


@pytest.fixture
def colleague(make_user):
    return make_user("worker", display_name="社区工作者乙")


@pytest.fixture
def make_resolution(make_meeting):
    """make_resolution(is_public=True, meeting=None, text=...) -> a resolution of a meeting,
    stored as a closed, passed poll leaves it."""
    from govhub.voting.models import Poll, PollStatus, Resolution

    def make(is_public: bool = True, meeting=None, text: str = "同意为1号楼加装电梯"):
        meeting = meeting or make_meeting("adjourned", is_public=is_public)
        now = utcnow()
        poll = Poll(meeting_id=meeting.id, agenda_item_id=meeting.items[0].id, title=text,
                    kind="yes_no_abstain", status=PollStatus.CLOSED, passed=True,
                    opened_at=now - timedelta(minutes=7), closed_at=now, result={})
        db.session.add(poll)
        db.session.flush()
        resolution = Resolution(meeting_id=meeting.id, poll_id=poll.id,
                                agenda_item_id=poll.agenda_item_id, text=text, tally={},
                                rule_set="organic_law", decided_at=now)
        db.session.add(resolution)
        db.session.commit()
        return resolution

    return make


@pytest.fixture
def make_item(community, worker):
    """make_item(actor=worker, owner=worker, days=14, **fields) -> a planned item."""

    def make(actor=None, owner=None, days: int = 14, title: str = "东门垃圾投放点迁移",
             **fields):
        fields.setdefault("category", "environment")
        item = services.create_item(
            actor or worker, fields.pop("community", community), title=title,
            owner=owner or worker, due_on=services.today_in(community) + timedelta(days=days),
            **fields)
        db.session.commit()
        return item

    return make


@pytest.fixture
def move(worker):
    """move(item, *statuses, actor=worker): check in each status in turn, with a reason."""

    def run(item, *statuses, actor=None):
        for status in statuses:
            services.check_in(actor or worker, item, status=status, reason=f"理由：{status}")
        db.session.commit()
        return item

    return run


@pytest.fixture
def uploads_folder(app):
    from govhub.core.uploads import folder

    def files() -> set[str]:
        path = folder(services.EVIDENCE)
        return {p.name for p in path.iterdir()} if path.exists() else set()

    return files


@pytest.fixture
def relogin(client, csrf, login):
    """relogin(user): sign out whoever is signed in, then sign `user` in."""

    def switch(user):
        client.post("/logout", data={"csrf_token": csrf("/")})
        return login(user)

    return switch
