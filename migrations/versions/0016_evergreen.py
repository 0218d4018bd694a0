"""Evergreen posts and their reruns: a published post may run again after a cool-down, at
most a number of times; each rerun is an item of its own, linked to the original.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("schedule_item") as batch:
        batch.add_column(
            sa.Column("evergreen", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("cooldown_days", sa.Integer(), nullable=False, server_default="90")
        )
        batch.add_column(sa.Column("max_runs", sa.Integer(), nullable=True, server_default="3"))
        batch.add_column(sa.Column("recycled_from_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_schedule_item_recycled_from_id_schedule_item"),
            "schedule_item",
            ["recycled_from_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(
            batch.f("ix_schedule_item_recycled_from_id"), ["recycled_from_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("schedule_item") as batch:
        batch.drop_index(batch.f("ix_schedule_item_recycled_from_id"))
        batch.drop_constraint(
            batch.f("fk_schedule_item_recycled_from_id_schedule_item"), type_="foreignkey"
        )
        batch.drop_column("recycled_from_id")
        batch.drop_column("max_runs")
        batch.drop_column("cooldown_days")
        batch.drop_column("evergreen")
