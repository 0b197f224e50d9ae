"""Admission requests: the communities each concerns, the communities' views, and the reminders sent

Revision ID: 873ff574c32a
Revises: 5fd279863a5e
Create Date: 2026-12-07 20:00:25.613004

"""
import sqlalchemy as sa
from alembic import op

revision = '873ff574c32a'
down_revision = '5fd279863a5e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('admission_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('street_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('law', sa.String(length=300), nullable=False),
    sa.Column('article', sa.String(length=100), nullable=False),
    sa.Column('why_not_itself', sa.Text(), nullable=False),
    sa.Column('data_fields', sa.Text(), nullable=False),
    sa.Column('hours_per_month', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=True),
    sa.Column('resources', sa.String(length=500), nullable=False),
    sa.Column('list_type', sa.Enum('duty_by_law', 'assisting_government', 'negative_list', 'certificate', 'placard', name='listtype', native_enum=False, length=24), nullable=False),
    sa.Column('emergency', sa.Enum('life_and_property', 'public_safety', 'public_health', name='emergency', native_enum=False, length=24), nullable=True),
    sa.Column('state', sa.Enum('draft', 'submitted', 'consultation', 'pending_review', 'approved', 'conditional', 'rejected', 'withdrawn', name='requeststate', native_enum=False, length=24), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_due_on', sa.Date(), nullable=True),
    sa.Column('consultation_closes_on', sa.Date(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('rereview_on', sa.Date(), nullable=True),
    sa.Column('work_item_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('hours_per_month >= 0', name=op.f('ck_admission_requests_hours_not_negative')),
    sa.CheckConstraint('period_to IS NULL OR period_to >= period_from', name=op.f('ck_admission_requests_period_ordered')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_admission_requests_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_admission_requests_department_id_departments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_admission_requests_officer_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['street_id'], ['streets.id'], name=op.f('fk_admission_requests_street_id_streets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['work_item_id'], ['work_items.id'], name=op.f('fk_admission_requests_work_item_id_work_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admission_requests'))
    )
    with op.batch_alter_table('admission_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admission_requests_department_id'), ['department_id'], unique=False)
        batch_op.create_index('ix_admission_requests_street_state', ['street_id', 'state'], unique=False)

    op.create_table('admission_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('due_soon', 'overdue', name='reminder', native_enum=False, length=24), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['admission_requests.id'], name=op.f('fk_admission_reminders_request_id_admission_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admission_reminders')),
    sa.UniqueConstraint('request_id', 'kind', name=op.f('uq_admission_reminders_request_id_kind'))
    )
    op.create_table('admission_request_communities',
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_admission_request_communities_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['admission_requests.id'], name=op.f('fk_admission_request_communities_request_id_admission_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('request_id', 'community_id', name=op.f('pk_admission_request_communities'))
    )
    with op.batch_alter_table('admission_request_communities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admission_request_communities_community_id'), ['community_id'], unique=False)

    op.create_table('admission_views',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('burden_hours', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('stance', sa.Enum('support', 'object', name='stance', native_enum=False, length=24), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('burden_hours >= 0', name=op.f('ck_admission_views_burden_not_negative')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_admission_views_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['admission_requests.id'], name=op.f('fk_admission_views_request_id_admission_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['worker_id'], ['users.id'], name=op.f('fk_admission_views_worker_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admission_views')),
    sa.UniqueConstraint('request_id', 'community_id', name=op.f('uq_admission_views_request_id_community_id'))
    )


def downgrade():
    op.drop_table('admission_views')
    with op.batch_alter_table('admission_request_communities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admission_request_communities_community_id'))

    op.drop_table('admission_request_communities')
    op.drop_table('admission_reminders')
    with op.batch_alter_table('admission_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_admission_requests_street_state')
        batch_op.drop_index(batch_op.f('ix_admission_requests_department_id'))

    op.drop_table('admission_requests')
