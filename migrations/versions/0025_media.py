"""Media on an item: uploaded images (files in the media store) and linked assets.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "item_media",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey("schedule_item.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("storage_key", sa.String(80), nullable=True, unique=True),
        sa.Column("thumbnail_key", sa.String(80), nullable=True, unique=True),
        sa.Column("file_name", sa.String(120), nullable=False, server_default=""),
        sa.Column("content_type", sa.String(40), nullable=False, server_default=""),
        sa.Column("bytes", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(2000), nullable=False, server_default=""),
        sa.Column("alt_text", sa.String(500), nullable=False, server_default=""),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column(
            "created_by_id",
            sa.Integer(),
            sa.ForeignKey("user.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_item_media_item_id", "item_media", ["item_id"])


def downgrade():
    op.drop_index("ix_item_media_item_id", table_name="item_media")
    op.drop_table("item_media")
