"""Departments (and the communities each covers), their officers, and each street's reviewers

Revision ID: fab610e80883
Revises: 0aaac6f98577
Create Date: 2026-12-07 19:54:23.820511

"""
import sqlalchemy as sa
from alembic import op

revision = 'fab610e80883'
down_revision = '0aaac6f98577'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('street_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('level', sa.Enum('district', 'street', name='departmentlevel', native_enum=False, length=24), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['street_id'], ['streets.id'], name=op.f('fk_departments_street_id_streets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('street_id', 'name', name=op.f('uq_departments_street_id_name'))
    )
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_departments_street_id'), ['street_id'], unique=False)

    op.create_table('department_communities',
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_department_communities_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_department_communities_department_id_departments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('department_id', 'community_id', name=op.f('pk_department_communities'))
    )
    with op.batch_alter_table('department_communities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_communities_community_id'), ['community_id'], unique=False)

    op.create_table('department_officers',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_department_officers_department_id_departments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_department_officers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_department_officers'))
    )
    with op.batch_alter_table('department_officers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_officers_department_id'), ['department_id'], unique=False)

    op.create_table('street_reviewers',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('street_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['street_id'], ['streets.id'], name=op.f('fk_street_reviewers_street_id_streets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_street_reviewers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_street_reviewers'))
    )
    with op.batch_alter_table('street_reviewers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_street_reviewers_street_id'), ['street_id'], unique=False)



def downgrade():
    with op.batch_alter_table('street_reviewers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_street_reviewers_street_id'))

    op.drop_table('street_reviewers')
    with op.batch_alter_table('department_officers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_officers_department_id'))

    op.drop_table('department_officers')
    with op.batch_alter_table('department_communities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_communities_community_id'))

    op.drop_table('department_communities')
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_departments_street_id'))

    op.drop_table('departments')
