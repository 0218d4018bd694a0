"""Reminders by mail: a member asks for a mail before each of their items (off for every
existing member; nothing else changes).

Revision ID: 0032
Revises: 0031
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(
            sa.Column("mail_reminder", sa.Boolean(), nullable=False, server_default=sa.text("false"))
        )


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.drop_column("mail_reminder")
