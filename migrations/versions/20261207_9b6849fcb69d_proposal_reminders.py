"""Answer reminders sent about queued proposals, once per proposal and kind

Revision ID: 9b6849fcb69d
Revises: 26449251ab86
Create Date: 2026-12-07 18:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '9b6849fcb69d'
down_revision = '26449251ab86'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('due_soon', 'overdue', name='answerreminder', native_enum=False, length=24), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_reminders_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_reminders')),
    sa.UniqueConstraint('proposal_id', 'kind', name=op.f('uq_proposal_reminders_proposal_id_kind'))
    )


def downgrade():
    op.drop_table('proposal_reminders')
