"""Hours against admission requests: a request_id column, and the request's clause in the check of one target

Revision ID: 4ef212995655
Revises: fb49efd05e75
Create Date: 2026-12-07 20:57:06

"""
import sqlalchemy as sa
from alembic import op

revision = '4ef212995655'
down_revision = 'fb49efd05e75'
branch_labels = None
depends_on = None

OLD_CHECK = (
    "(target_kind = 'work_item' AND work_item_id IS NOT NULL AND action_item_id IS NULL AND meeting_id IS NULL)"
    " OR "
    "(target_kind = 'action_item' AND work_item_id IS NULL AND action_item_id IS NOT NULL AND meeting_id IS NULL)"
    " OR "
    "(target_kind = 'meeting' AND work_item_id IS NULL AND action_item_id IS NULL AND meeting_id IS NOT NULL)"
    " OR "
    "(target_kind = 'other' AND work_item_id IS NULL AND action_item_id IS NULL AND meeting_id IS NULL)"
)
NEW_CHECK = (
    "(target_kind = 'work_item' AND work_item_id IS NOT NULL AND action_item_id IS NULL AND meeting_id IS NULL AND request_id IS NULL)"
    " OR "
    "(target_kind = 'action_item' AND work_item_id IS NULL AND action_item_id IS NOT NULL AND meeting_id IS NULL AND request_id IS NULL)"
    " OR "
    "(target_kind = 'meeting' AND work_item_id IS NULL AND action_item_id IS NULL AND meeting_id IS NOT NULL AND request_id IS NULL)"
    " OR "
    "(target_kind = 'request' AND work_item_id IS NULL AND action_item_id IS NULL AND meeting_id IS NULL AND request_id IS NOT NULL)"
    " OR "
    "(target_kind = 'other' AND work_item_id IS NULL AND action_item_id IS NULL AND meeting_id IS NULL AND request_id IS NULL)"
)


def upgrade():
    with op.batch_alter_table('time_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_time_entries_request_id'), ['request_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_time_entries_request_id_admission_requests'),
                                    'admission_requests', ['request_id'], ['id'],
                                    ondelete='RESTRICT')
        batch_op.drop_constraint(batch_op.f('ck_time_entries_one_target'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_time_entries_one_target'), NEW_CHECK)


def downgrade():
    op.execute("DELETE FROM time_entries WHERE target_kind = 'request'")
    with op.batch_alter_table('time_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_time_entries_one_target'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_time_entries_one_target'), OLD_CHECK)
        batch_op.drop_constraint(batch_op.f('fk_time_entries_request_id_admission_requests'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_time_entries_request_id'))
        batch_op.drop_column('request_id')
