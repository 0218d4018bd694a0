"""Results imported from analytics exports, per tracking values and period.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "result_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("utm_source", sa.String(length=100), nullable=False),
        sa.Column("utm_medium", sa.String(length=100), nullable=False),
        sa.Column("utm_campaign", sa.String(length=100), nullable=False),
        sa.Column("utm_content", sa.String(length=100), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("leads", sa.Integer(), nullable=False),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.Column("revenue", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("channel_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_result_record_channel_id_channel"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["schedule_item.id"],
            name=op.f("fk_result_record_item_id_schedule_item"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result_record")),
        sa.UniqueConstraint(
            "starts_on",
            "ends_on",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_content",
            name=op.f("uq_result_record_starts_on"),
        ),
    )
    op.create_index(op.f("ix_result_record_starts_on"), "result_record", ["starts_on"])
    op.create_index(op.f("ix_result_record_item_id"), "result_record", ["item_id"])
    op.create_index(op.f("ix_result_record_channel_id"), "result_record", ["channel_id"])


def downgrade():
    op.drop_table("result_record")
