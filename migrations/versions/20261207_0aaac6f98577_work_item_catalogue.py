"""The work-item catalogue: streets and their communities, versioned catalogues, work items

Revision ID: 0aaac6f98577
Revises: 9b6849fcb69d
Create Date: 2026-12-07 18:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0aaac6f98577'
down_revision = '9b6849fcb69d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('streets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_streets')),
    sa.UniqueConstraint('name', name=op.f('uq_streets_name'))
    )
    op.create_table('catalogue_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('street_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('number > 0', name=op.f('ck_catalogue_versions_number_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_catalogue_versions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['street_id'], ['streets.id'], name=op.f('fk_catalogue_versions_street_id_streets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_versions')),
    sa.UniqueConstraint('street_id', 'number', name=op.f('uq_catalogue_versions_street_id_number'))
    )
    op.create_table('work_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('list_type', sa.Enum('duty_by_law', 'assisting_government', 'negative_list', 'certificate', 'placard', name='listtype', native_enum=False, length=24), nullable=False),
    sa.Column('legal_basis', sa.String(length=500), nullable=False),
    sa.Column('lead_department', sa.String(length=120), nullable=False),
    sa.Column('community_role', sa.String(length=500), nullable=False),
    sa.Column('deliverables', sa.String(length=500), nullable=False),
    sa.Column('frequency', sa.String(length=60), nullable=False),
    sa.Column('hours_per_month', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('resources', sa.String(length=500), nullable=False),
    sa.Column('assessable', sa.Boolean(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.CheckConstraint('effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from', name=op.f('ck_work_items_period_ordered')),
    sa.CheckConstraint('hours_per_month >= 0', name=op.f('ck_work_items_hours_not_negative')),
    sa.ForeignKeyConstraint(['version_id'], ['catalogue_versions.id'], name=op.f('fk_work_items_version_id_catalogue_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_items')),
    sa.UniqueConstraint('version_id', 'code', name=op.f('uq_work_items_version_id_code'))
    )
    op.create_table('street_communities',
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('street_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_street_communities_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['street_id'], ['streets.id'], name=op.f('fk_street_communities_street_id_streets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('community_id', name=op.f('pk_street_communities'))
    )
    with op.batch_alter_table('street_communities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_street_communities_street_id'), ['street_id'], unique=False)


def downgrade():
    with op.batch_alter_table('street_communities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_street_communities_street_id'))

    op.drop_table('street_communities')
    op.drop_table('work_items')
    op.drop_table('catalogue_versions')
    op.drop_table('streets')
