"""Failed logins remember the trusted device they came from (its own allowance).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("failed_login") as batch:
        batch.add_column(sa.Column("device", sa.String(length=32), nullable=True))
        batch.create_index("ix_failed_login_device", ["device"], unique=False)


def downgrade():
    with op.batch_alter_table("failed_login") as batch:
        batch.drop_index("ix_failed_login_device")
        batch.drop_column("device")
