"""Helpers the voting tests share: a poll prepared on the room's current item, and opened."""

from govhub.extensions import db
from govhub.voting import services


def draft_poll(room, **options):
    chair = room.council.test_members[0]
    poll = services.create_poll(chair, room, room.current_item, "同意加装电梯方案？",
                                options.pop("kind", "yes_no_abstain"), **options)
    db.session.commit()
    return poll


def open_by_chair(room, poll, **kwargs):
    services.open_poll(room.council.test_members[0], poll, **kwargs)
    db.session.commit()
