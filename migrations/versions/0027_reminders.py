"""Reminders: the alarm of a person's own feed, and a channel's response-time standard.

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("feed_alarm_minutes", sa.Integer(), nullable=True))
    with op.batch_alter_table("channel") as batch:
        batch.add_column(sa.Column("response_hours", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("channel") as batch:
        batch.drop_column("response_hours")
    with op.batch_alter_table("user") as batch:
        batch.drop_column("feed_alarm_minutes")
