"""Workers' time entries, with their sums per worker and week and per community and month

Revision ID: fb49efd05e75
Revises: 873ff574c32a
Create Date: 2026-12-07 20:22:44.419302

"""
import sqlalchemy as sa
from alembic import op

revision = 'fb49efd05e75'
down_revision = '873ff574c32a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hours_items_weekly',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('work_item_code', sa.String(length=32), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_hours_items_weekly_community_id_communities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('community_id', 'week', 'work_item_code', name=op.f('pk_hours_items_weekly'))
    )
    op.create_table('hours_monthly',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('list_type', sa.Enum('duty_by_law', 'assisting_government', 'negative_list', 'certificate', 'placard', 'self_government', 'other', name='hourstype', native_enum=False, length=24), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_hours_monthly_community_id_communities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('community_id', 'month', 'list_type', name=op.f('pk_hours_monthly'))
    )
    op.create_table('hours_weekly',
    sa.Column('worker_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('list_type', sa.Enum('duty_by_law', 'assisting_government', 'negative_list', 'certificate', 'placard', 'self_government', 'other', name='hourstype', native_enum=False, length=24), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['worker_id'], ['users.id'], name=op.f('fk_hours_weekly_worker_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('worker_id', 'week', 'list_type', name=op.f('pk_hours_weekly'))
    )
    with op.batch_alter_table('hours_weekly', schema=None) as batch_op:
        batch_op.create_index('ix_hours_weekly_week', ['week', 'worker_id', 'list_type', 'minutes'], unique=False)

    op.create_table('time_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.Enum('work_item', 'action_item', 'meeting', 'other', name='targetkind', native_enum=False, length=24), nullable=False),
    sa.Column('work_item_id', sa.Integer(), nullable=True),
    sa.Column('action_item_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('work_item_code', sa.String(length=32), nullable=True),
    sa.Column('list_type', sa.Enum('duty_by_law', 'assisting_government', 'negative_list', 'certificate', 'placard', 'self_government', 'other', name='hourstype', native_enum=False, length=24), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(target_kind = 'work_item' AND work_item_id IS NOT NULL AND action_item_id IS NULL AND meeting_id IS NULL) OR (target_kind = 'action_item' AND work_item_id IS NULL AND action_item_id IS NOT NULL AND meeting_id IS NULL) OR (target_kind = 'meeting' AND work_item_id IS NULL AND action_item_id IS NULL AND meeting_id IS NOT NULL) OR (target_kind = 'other' AND work_item_id IS NULL AND action_item_id IS NULL AND meeting_id IS NULL)", name=op.f('ck_time_entries_one_target')),
    sa.CheckConstraint('minutes > 0 AND minutes <= 1440', name=op.f('ck_time_entries_minutes_in_a_day')),
    sa.ForeignKeyConstraint(['action_item_id'], ['action_items.id'], name=op.f('fk_time_entries_action_item_id_action_items'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_time_entries_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_time_entries_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['work_item_id'], ['work_items.id'], name=op.f('fk_time_entries_work_item_id_work_items'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['worker_id'], ['users.id'], name=op.f('fk_time_entries_worker_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_entries'))
    )
    with op.batch_alter_table('time_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_time_entries_action_item_id'), ['action_item_id'], unique=False)
        batch_op.create_index('ix_time_entries_community_day', ['community_id', 'day', 'work_item_code', 'minutes'], unique=False)
        batch_op.create_index(batch_op.f('ix_time_entries_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('ix_time_entries_worker_day', ['worker_id', 'day'], unique=False)



def downgrade():
    with op.batch_alter_table('time_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_time_entries_worker_day')
        batch_op.drop_index(batch_op.f('ix_time_entries_meeting_id'))
        batch_op.drop_index('ix_time_entries_community_day')
        batch_op.drop_index(batch_op.f('ix_time_entries_action_item_id'))

    op.drop_table('time_entries')
    with op.batch_alter_table('hours_weekly', schema=None) as batch_op:
        batch_op.drop_index('ix_hours_weekly_week')

    op.drop_table('hours_weekly')
    op.drop_table('hours_monthly')
    op.drop_table('hours_items_weekly')
