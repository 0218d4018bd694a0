"""Workflow and approval: members' roles, channels that require approval, the latest
approval of an item, and the statuses posts and tasks go through.

Existing members and pending invitations become editors (they could do everything before); the owner stays
the owner. Posts and videos: planned → draft, ready → approved; reply time, listening
and routines: planned → to do, ready and published → done; skipped stays. Going back
maps every status to the nearest one before.

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

POSTS = "('post', 'video')"


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(
            sa.Column("role", sa.String(length=20), nullable=False, server_default="editor")
        )
    with op.batch_alter_table("invitation") as batch:
        batch.add_column(
            sa.Column("role", sa.String(length=20), nullable=False, server_default="editor")
        )
    with op.batch_alter_table("channel") as batch:
        batch.add_column(
            sa.Column(
                "requires_approval", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table("schedule_item") as batch:
        batch.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("approved_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("approved_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("review_note", sa.Text(), nullable=False, server_default=""))
        batch.create_foreign_key(
            batch.f("fk_schedule_item_approved_by_id_user"),
            "user",
            ["approved_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute('UPDATE "user" SET role = \'owner\' WHERE is_owner')
    for activities, old, new in (
        (f"IN {POSTS}", "'planned'", "'draft'"),
        (f"IN {POSTS}", "'ready'", "'approved'"),
        (f"NOT IN {POSTS}", "'planned'", "'todo'"),
        (f"NOT IN {POSTS}", "('ready', 'published')", "'done'"),
    ):
        test = f"IN {old}" if old.startswith("(") else f"= {old}"
        op.execute(
            f"UPDATE schedule_item SET status = {new} WHERE activity {activities} AND status {test}"
        )


def downgrade():
    for old, new in (
        ("('draft', 'in_review', 'todo')", "'planned'"),
        ("('approved', 'scheduled')", "'ready'"),
        ("('done')", "'published'"),
    ):
        op.execute(f"UPDATE schedule_item SET status = {new} WHERE status IN {old}")
    with op.batch_alter_table("schedule_item") as batch:
        batch.drop_constraint(
            batch.f("fk_schedule_item_approved_by_id_user"), type_="foreignkey"
        )
        batch.drop_column("review_note")
        batch.drop_column("approved_text")
        batch.drop_column("approved_at")
        batch.drop_column("approved_by_id")
    with op.batch_alter_table("channel") as batch:
        batch.drop_column("requires_approval")
    with op.batch_alter_table("invitation") as batch:
        batch.drop_column("role")
    with op.batch_alter_table("user") as batch:
        batch.drop_column("role")
