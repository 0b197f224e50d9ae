"""Co-authors of proposals: who the author invited, and whether they accepted

Revision ID: eb5701e869fc
Revises: b5d2e8a41c93
Create Date: 2026-12-07 16:46:43

"""
import sqlalchemy as sa
from alembic import op

revision = 'eb5701e869fc'
down_revision = 'b5d2e8a41c93'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_coauthors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('invited', 'accepted', 'declined', name='coauthorstatus', native_enum=False, length=24), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_coauthors_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_proposal_coauthors_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_coauthors')),
    sa.UniqueConstraint('proposal_id', 'user_id', name=op.f('uq_proposal_coauthors_proposal_id_user_id'))
    )
    with op.batch_alter_table('proposal_coauthors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_coauthors_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('proposal_coauthors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_coauthors_user_id'))

    op.drop_table('proposal_coauthors')
