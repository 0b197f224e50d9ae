"""Polls freeze the council's members' weight when they open

Revision ID: 4f6d2b8e1c37
Revises: e3f1a9c7b205
Create Date: 2026-12-07 04:20:00.000000

A poll open while the database is upgraded gets the weight of its council's
active voting members at the time of the upgrade (the closest thing to its
opening that is still known); drafts get theirs when they open; closed
polls keep theirs in their frozen result and stay null here.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '4f6d2b8e1c37'
down_revision = 'e3f1a9c7b205'
branch_labels = None
depends_on = None

_MEMBERS = """
    FROM council_memberships
    JOIN meetings ON meetings.council_id = council_memberships.council_id
    WHERE meetings.id = polls.meeting_id
      AND council_memberships.active = :yes
      AND council_memberships.role != 'observer'
"""


def upgrade():
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('members_weight', sa.Numeric(precision=12, scale=3),
                                      nullable=True))
    op.get_bind().execute(sa.text(
        "UPDATE polls SET members_weight ="
        f" (SELECT COALESCE(SUM(council_memberships.vote_weight), 0) {_MEMBERS})"
        " WHERE polls.status = 'open'").bindparams(yes=True))


def downgrade():
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_column('members_weight')
