"""Residents' proposals, their supports (one per person) and each council's settings

Revision ID: fe50958b2b62
Revises: 4f6d2b8e1c37
Create Date: 2026-12-07 14:19:48

"""
import sqlalchemy as sa
from alembic import op

revision = 'fe50958b2b62'
down_revision = '4f6d2b8e1c37'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_settings',
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('threshold_kind', sa.Enum('absolute', 'share', name='thresholdkind', native_enum=False, length=24), nullable=False),
    sa.Column('threshold_value', sa.Numeric(precision=10, scale=4), nullable=False),
    sa.Column('time_limit_days', sa.Integer(), nullable=False),
    sa.Column('answer_working_days', sa.Integer(), nullable=False),
    sa.Column('supports_public', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.CheckConstraint('answer_working_days > 0', name=op.f('ck_proposal_settings_answer_days_positive')),
    sa.CheckConstraint('threshold_value > 0', name=op.f('ck_proposal_settings_threshold_positive')),
    sa.CheckConstraint('time_limit_days > 0', name=op.f('ck_proposal_settings_time_limit_positive')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_proposal_settings_council_id_councils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('council_id', name=op.f('pk_proposal_settings'))
    )
    op.create_table('proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('category', sa.Enum('facilities', 'environment', 'traffic', 'safety', 'elderly_care', 'services', 'culture', 'other', name='actioncategory', native_enum=False, length=24), nullable=False),
    sa.Column('state', sa.Enum('draft', 'published', 'queued', 'accepted', 'done_by_office', 'not_feasible', 'not_competent', 'merged', 'withdrawn', 'archived', name='proposalstate', native_enum=False, length=24), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=True),
    sa.Column('support_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('reached_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('evaluator_id', sa.Integer(), nullable=True),
    sa.Column('answer_due_on', sa.Date(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('action_item_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('merged_into_id IS NULL OR merged_into_id <> id', name=op.f('ck_proposals_not_merged_into_itself')),
    sa.CheckConstraint('support_count >= 0', name=op.f('ck_proposals_support_count_not_negative')),
    sa.CheckConstraint('threshold IS NULL OR threshold > 0', name=op.f('ck_proposals_threshold_positive')),
    sa.ForeignKeyConstraint(['action_item_id'], ['action_items.id'], name=op.f('fk_proposals_action_item_id_action_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_proposals_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_proposals_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_proposals_author_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_proposals_community_id_communities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_proposals_council_id_councils'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['evaluator_id'], ['users.id'], name=op.f('fk_proposals_evaluator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['proposals.id'], name=op.f('fk_proposals_merged_into_id_proposals'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposals')),
    sa.UniqueConstraint('agenda_item_id', name=op.f('uq_proposals_agenda_item_id'))
    )
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposals_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_community_id'), ['community_id'], unique=False)
        batch_op.create_index('ix_proposals_council_state', ['council_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposals_evaluator_id'), ['evaluator_id'], unique=False)

    op.create_table('proposal_supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('person_key', sa.String(length=160), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.Enum('online', 'paper', name='supportsource', native_enum=False, length=24), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_supports_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_proposal_supports_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_supports')),
    sa.UniqueConstraint('proposal_id', 'person_key', name=op.f('uq_proposal_supports_proposal_id_person_key'))
    )
    with op.batch_alter_table('proposal_supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_supports_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('proposal_supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_supports_user_id'))

    op.drop_table('proposal_supports')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposals_evaluator_id'))
        batch_op.drop_index('ix_proposals_council_state')
        batch_op.drop_index(batch_op.f('ix_proposals_community_id'))
        batch_op.drop_index(batch_op.f('ix_proposals_author_id'))

    op.drop_table('proposals')
    op.drop_table('proposal_settings')
