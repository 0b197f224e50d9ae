"""Council join requests: a confirmed resident asks for a seat, a worker approves or declines

Revision ID: 0bc6210a641e
Revises: c4a8d2e6f913
Create Date: 2026-12-07 02:46:15.707597

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0bc6210a641e'
down_revision = 'c4a8d2e6f913'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('council_join_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.String(length=500), nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'declined', 'withdrawn', name='joinstatus', native_enum=False, length=24), nullable=False),
    sa.Column('decline_reason', sa.String(length=500), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_council_join_requests_council_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_council_join_requests_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_council_join_requests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_join_requests'))
    )
    with op.batch_alter_table('council_join_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_join_requests_council_id'), ['council_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_join_requests_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_council_join_requests_pending', ['council_id', 'user_id'], unique=True, sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))



def downgrade():
    with op.batch_alter_table('council_join_requests', schema=None) as batch_op:
        batch_op.drop_index('uq_council_join_requests_pending', sqlite_where=sa.text("status = 'pending'"), postgresql_where=sa.text("status = 'pending'"))
        batch_op.drop_index(batch_op.f('ix_council_join_requests_user_id'))
        batch_op.drop_index(batch_op.f('ix_council_join_requests_council_id'))

    op.drop_table('council_join_requests')
