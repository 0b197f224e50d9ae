"""A proposal's deliberation: comments with a stance, replies, their earlier versions and
residents' reports

Revision ID: c7e82cdd5094
Revises: fe50958b2b62
Create Date: 2026-12-07 14:38:36

"""
import sqlalchemy as sa
from alembic import op

revision = 'c7e82cdd5094'
down_revision = 'fe50958b2b62'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('stance', sa.Enum('for', 'against', 'question', name='stance', native_enum=False, length=24), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('report_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_reason', sa.Text(), server_default='', nullable=False),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('parent_id IS NULL OR parent_id <> id', name=op.f('ck_proposal_comments_not_its_own_reply')),
    sa.CheckConstraint('report_count >= 0', name=op.f('ck_proposal_comments_report_count_not_negative')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_proposal_comments_author_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_proposal_comments_hidden_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['proposal_comments.id'], name=op.f('fk_proposal_comments_parent_id_proposal_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_comments_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_comments'))
    )
    with op.batch_alter_table('proposal_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_comments_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_comments_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_proposal_comments_proposal', ['proposal_id', 'id'], unique=False)

    op.create_table('proposal_comment_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['proposal_comments.id'], name=op.f('fk_proposal_comment_reports_comment_id_proposal_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_proposal_comment_reports_reporter_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_comment_reports')),
    sa.UniqueConstraint('comment_id', 'reporter_id', name=op.f('uq_proposal_comment_reports_comment_id_reporter_id'))
    )
    with op.batch_alter_table('proposal_comment_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_comment_reports_reporter_id'), ['reporter_id'], unique=False)

    op.create_table('proposal_comment_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('stance', sa.Enum('for', 'against', 'question', name='stance', native_enum=False, length=24), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['proposal_comments.id'], name=op.f('fk_proposal_comment_revisions_comment_id_proposal_comments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_comment_revisions'))
    )
    with op.batch_alter_table('proposal_comment_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_comment_revisions_comment_id'), ['comment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('proposal_comment_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_comment_revisions_comment_id'))

    op.drop_table('proposal_comment_revisions')
    with op.batch_alter_table('proposal_comment_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_comment_reports_reporter_id'))

    op.drop_table('proposal_comment_reports')
    with op.batch_alter_table('proposal_comments', schema=None) as batch_op:
        batch_op.drop_index('ix_proposal_comments_proposal')
        batch_op.drop_index(batch_op.f('ix_proposal_comments_parent_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_comments_author_id'))

    op.drop_table('proposal_comments')
