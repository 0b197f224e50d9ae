"""Offerings given at the resident's home; a request for one keeps a phone and an address

Revision ID: e3f1a9c7b205
Revises: b79b5a127594
Create Date: 2026-12-07 03:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e3f1a9c7b205'
down_revision = 'b79b5a127594'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('at_home', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=32), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('visit_address', sa.String(length=300), nullable=False,
                                      server_default=''))


def downgrade():
    with op.batch_alter_table('service_requests', schema=None) as batch_op:
        batch_op.drop_column('visit_address')
        batch_op.drop_column('contact_phone')
    with op.batch_alter_table('offerings', schema=None) as batch_op:
        batch_op.drop_column('at_home')
