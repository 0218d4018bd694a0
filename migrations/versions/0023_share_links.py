"""Share links: secret read-only addresses of the plan (only their digests are stored),
for every channel or the chosen ones. A new table: no existing row changes.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "share_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("all_channels", sa.Boolean(), nullable=False),
        sa.Column("show_notes", sa.Boolean(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
            name=op.f("fk_share_link_created_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_link")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_share_link_token_digest")),
    )
    op.create_table(
        "share_link_channel",
        sa.Column("share_link_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["share_link_id"],
            ["share_link.id"],
            name=op.f("fk_share_link_channel_share_link_id_share_link"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_share_link_channel_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "share_link_id", "channel_id", name=op.f("pk_share_link_channel")
        ),
    )


def downgrade():
    op.drop_table("share_link_channel")
    op.drop_table("share_link")
