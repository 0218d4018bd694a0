"""Comments on items and ideas, and each member's inbox of mentions and review requests.

Two new tables; no existing row changes, so every row survives both ways.

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

ONE_TARGET = "(item_id IS NULL) <> (idea_id IS NULL)"


def _target_columns():
    return [
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey("schedule_item.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column(
            "idea_id", sa.Integer(), sa.ForeignKey("idea.id", ondelete="CASCADE"), nullable=True
        ),
    ]


def _user(name, ondelete="SET NULL", nullable=True):
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("user.id", ondelete=ondelete), nullable=nullable
    )


def upgrade():
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer(), primary_key=True),
        *_target_columns(),
        _user("author_id"),
        sa.Column("kind", sa.String(20), nullable=False, server_default="comment"),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        _user("resolved_by_id"),
        sa.CheckConstraint(ONE_TARGET, name=op.f("ck_comment_one_target")),
    )
    op.create_index("ix_comment_item_id", "comment", ["item_id"])
    op.create_index("ix_comment_idea_id", "comment", ["idea_id"])
    op.create_table(
        "inbox_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        _user("user_id", "CASCADE", nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        *_target_columns(),
        sa.Column(
            "comment_id",
            sa.Integer(),
            sa.ForeignKey("comment.id", ondelete="CASCADE"),
            nullable=True,
        ),
        _user("actor_id"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(ONE_TARGET, name=op.f("ck_inbox_entry_one_target")),
    )
    op.create_index("ix_inbox_entry_user_id_read_at", "inbox_entry", ["user_id", "read_at"])
    op.create_index("ix_inbox_entry_item_id", "inbox_entry", ["item_id"])
    op.create_index("ix_inbox_entry_idea_id", "inbox_entry", ["idea_id"])
    op.create_index("ix_inbox_entry_comment_id", "inbox_entry", ["comment_id"])


def downgrade():
    for index in ("comment_id", "idea_id", "item_id", "user_id_read_at"):
        op.drop_index(f"ix_inbox_entry_{index}", table_name="inbox_entry")
    op.drop_table("inbox_entry")
    op.drop_index("ix_comment_idea_id", table_name="comment")
    op.drop_index("ix_comment_item_id", table_name="comment")
    op.drop_table("comment")
