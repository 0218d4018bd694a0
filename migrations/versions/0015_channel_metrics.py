"""Awareness and community numbers per channel and month: followers, reach, impressions,
engagements and mentions (positive and negative), each unknown until entered or imported.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

NUMBERS = (
    "followers",
    "reach",
    "impressions",
    "engagements",
    "mentions",
    "positive_mentions",
    "negative_mentions",
)


def upgrade():
    op.create_table(
        "channel_metric",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in NUMBERS),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_channel_metric_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_metric")),
        sa.UniqueConstraint("channel_id", "month", name=op.f("uq_channel_metric_channel_id")),
    )


def downgrade():
    op.drop_table("channel_metric")
