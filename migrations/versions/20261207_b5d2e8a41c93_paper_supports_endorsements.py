"""Paper supports (who signed, where they live, who typed it in, the sheet's photo) and
partner organizations' endorsements of proposals

Revision ID: b5d2e8a41c93
Revises: 9d4b6e2a1f37
Create Date: 2026-12-07 15:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'b5d2e8a41c93'
down_revision = '9d4b6e2a1f37'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_support_sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=120), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_support_sheets_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_proposal_support_sheets_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_support_sheets')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_proposal_support_sheets_stored_name'))
    )
    with op.batch_alter_table('proposal_support_sheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_support_sheets_proposal_id'), ['proposal_id'], unique=False)

    with op.batch_alter_table('proposal_supports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signer_name', sa.String(length=80), server_default='', nullable=False))
        batch_op.add_column(sa.Column('building_unit', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('recorded_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sheet_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_proposal_supports_recorded_by_id_users'), 'users', ['recorded_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_proposal_supports_sheet_id_proposal_support_sheets'), 'proposal_support_sheets', ['sheet_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_proposal_supports_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('proposal_endorsements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('endorsed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['endorsed_by_id'], ['users.id'], name=op.f('fk_proposal_endorsements_endorsed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_proposal_endorsements_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_endorsements_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_endorsements')),
    sa.UniqueConstraint('proposal_id', 'organization_id', name=op.f('uq_proposal_endorsements_proposal_id_organization_id'))
    )
    with op.batch_alter_table('proposal_endorsements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_endorsements_organization_id'), ['organization_id'], unique=False)


def downgrade():
    with op.batch_alter_table('proposal_endorsements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_endorsements_organization_id'))
    op.drop_table('proposal_endorsements')
    with op.batch_alter_table('proposal_supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_supports_sheet_id'))
        batch_op.drop_constraint(batch_op.f('fk_proposal_supports_sheet_id_proposal_support_sheets'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_proposal_supports_recorded_by_id_users'), type_='foreignkey')
        batch_op.drop_column('sheet_id')
        batch_op.drop_column('recorded_by_id')
        batch_op.drop_column('building_unit')
        batch_op.drop_column('signer_name')
    with op.batch_alter_table('proposal_support_sheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_support_sheets_proposal_id'))
    op.drop_table('proposal_support_sheets')
