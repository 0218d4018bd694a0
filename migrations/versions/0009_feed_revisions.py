"""A revision per feed, kept with every change a feed shows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feed_revision",
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_feed_revision")),
    )


def downgrade():
    op.drop_table("feed_revision")
