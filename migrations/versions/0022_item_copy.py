"""Each post's copy (the text that goes out) with its earlier versions, each channel's
network with its own length limit, and channels' hashtag sets.

Existing items start with no copy (nothing is written for them); existing channels get
the network their slug names ("linkedin-company" is LinkedIn, "twitter" is X), else
"other". Nothing existing is changed otherwise.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# The networks as they were when this migration was written (domain/networks.py).
NETWORKS = ("x", "bluesky", "threads", "mastodon", "linkedin", "instagram", "facebook",
            "youtube", "pinterest", "blog", "newsletter")  # fmt: skip
SLUG_NETWORKS = {"twitter": "x", "email": "newsletter", "ig": "instagram", "fb": "facebook"}


def guess_network(slug):
    """The network a slug names, word by word, else "other"."""
    for word in slug.split("-"):
        key = SLUG_NETWORKS.get(word, word)
        if key in NETWORKS:
            return key
    return "other"


def _copy_columns():
    return [
        sa.Column("title", sa.String(length=300), nullable=False, server_default=""),
        sa.Column("body", sa.Text(), nullable=False, server_default=""),
        sa.Column("outline", sa.Text(), nullable=False, server_default=""),
        sa.Column(
            "saved_by_id", sa.Integer(), sa.ForeignKey("user.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
    ]


def upgrade():
    with op.batch_alter_table("channel") as batch:
        batch.add_column(
            sa.Column("network", sa.String(length=20), nullable=False, server_default="other")
        )
        batch.add_column(sa.Column("own_limit", sa.Integer(), nullable=True))
    bind = op.get_bind()
    for channel_id, slug in bind.execute(sa.text("SELECT id, slug FROM channel")).all():
        bind.execute(
            sa.text("UPDATE channel SET network = :network WHERE id = :id"),
            {"network": guess_network(slug), "id": channel_id},
        )
    op.create_table(
        "item_copy",
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey("schedule_item.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        *_copy_columns(),
    )
    op.create_table(
        "copy_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey("schedule_item.id", ondelete="CASCADE"),
            nullable=False,
        ),
        *_copy_columns(),
    )
    op.create_index("ix_copy_version_item_id", "copy_version", ["item_id"])
    op.create_table(
        "hashtag_set",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "channel_id",
            sa.Integer(),
            sa.ForeignKey("channel.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("channel_id", "name"),
    )
    op.create_index("ix_hashtag_set_channel_id", "hashtag_set", ["channel_id"])


def downgrade():
    op.drop_index("ix_hashtag_set_channel_id", table_name="hashtag_set")
    op.drop_table("hashtag_set")
    op.drop_index("ix_copy_version_item_id", table_name="copy_version")
    op.drop_table("copy_version")
    op.drop_table("item_copy")
    with op.batch_alter_table("channel") as batch:
        batch.drop_column("own_limit")
        batch.drop_column("network")
