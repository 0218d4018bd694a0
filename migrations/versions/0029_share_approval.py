"""Approval through a share link: whether a link lets its viewers approve posts or ask for
changes (off for every existing link), and the name an approval through a link was given
under (empty for every existing item).

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("share_link") as batch:
        batch.add_column(
            sa.Column("allow_approval", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("schedule_item") as batch:
        batch.add_column(
            sa.Column(
                "approved_through", sa.String(length=240), nullable=False, server_default=""
            )
        )


def downgrade():
    with op.batch_alter_table("schedule_item") as batch:
        batch.drop_column("approved_through")
    with op.batch_alter_table("share_link") as batch:
        batch.drop_column("allow_approval")
