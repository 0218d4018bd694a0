"""Time logged on items, an hourly rate, click values and spend per channel, and goals.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("schedule_item") as batch:
        batch.add_column(sa.Column("actual_minutes", sa.Integer(), nullable=True))
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column(
                "hourly_rate", sa.Numeric(precision=10, scale=2), server_default="0", nullable=False
            )
        )
    with op.batch_alter_table("channel") as batch:
        batch.add_column(
            sa.Column(
                "click_value", sa.Numeric(precision=10, scale=2), server_default="0", nullable=False
            )
        )
    op.create_table(
        "channel_spend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_channel_spend_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_spend")),
        sa.UniqueConstraint("channel_id", "month", name=op.f("uq_channel_spend_channel_id")),
    )
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("metric", sa.String(length=20), nullable=False),
        sa.Column("target", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("baseline", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
    )


def downgrade():
    op.drop_table("goal")
    op.drop_table("channel_spend")
    with op.batch_alter_table("channel") as batch:
        batch.drop_column("click_value")
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("hourly_rate")
    with op.batch_alter_table("schedule_item") as batch:
        batch.drop_column("actual_minutes")
