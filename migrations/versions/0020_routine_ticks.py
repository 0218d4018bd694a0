"""Ticked steps of routine items: which step, who ticked it, when, and the number it counted.

A new table only: existing items, rules and routines stay as they are, with nothing ticked.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "routine_tick",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("ticked_by_id", sa.Integer(), nullable=True),
        sa.Column("ticked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["schedule_item.id"],
            name=op.f("fk_routine_tick_item_id_schedule_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticked_by_id"],
            ["user.id"],
            name=op.f("fk_routine_tick_ticked_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("item_id", "step", name=op.f("pk_routine_tick")),
    )


def downgrade():
    op.drop_table("routine_tick")
