"""Refusals of tasks that came outside the admission process, and certificates issued

Revision ID: 5fd279863a5e
Revises: fab610e80883
Create Date: 2026-12-07 20:00:49.076203

"""
import sqlalchemy as sa
from alembic import op

revision = '5fd279863a5e'
down_revision = 'fab610e80883'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('work_item_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('resident_name', sa.String(length=120), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_certificates_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resident_id'], ['users.id'], name=op.f('fk_certificates_resident_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['work_item_id'], ['work_items.id'], name=op.f('fk_certificates_work_item_id_work_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['worker_id'], ['users.id'], name=op.f('fk_certificates_worker_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates'))
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index('ix_certificates_community_id_issued_on', ['community_id', 'issued_on'], unique=False)

    op.create_table('refusals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('other_department', sa.String(length=120), nullable=False),
    sa.Column('channel', sa.Enum('chat_group', 'phone', 'document', 'in_person', 'other', name='channel', native_enum=False, length=24), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=False),
    sa.Column('what', sa.String(length=500), nullable=False),
    sa.Column('rule', sa.Enum('negative_list', 'certificate_not_listed', 'not_admitted', 'admitted', name='rulecode', native_enum=False, length=32), nullable=False),
    sa.Column('work_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_refusals_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_refusals_department_id_departments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['work_item_id'], ['work_items.id'], name=op.f('fk_refusals_work_item_id_work_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['worker_id'], ['users.id'], name=op.f('fk_refusals_worker_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refusals'))
    )
    with op.batch_alter_table('refusals', schema=None) as batch_op:
        batch_op.create_index('ix_refusals_community_id_asked_on', ['community_id', 'asked_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_refusals_department_id'), ['department_id'], unique=False)



def downgrade():
    with op.batch_alter_table('refusals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refusals_department_id'))
        batch_op.drop_index('ix_refusals_community_id_asked_on')

    op.drop_table('refusals')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index('ix_certificates_community_id_issued_on')

    op.drop_table('certificates')
