"""An assignee per schedule item and an owner per channel, both team members.

Existing items and channels keep everything and are assigned to nobody; deleting
a user leaves their items and channels in place, assigned to nobody.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("channel") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_channel_owner_id"), ["owner_id"])
        batch.create_foreign_key(
            batch.f("fk_channel_owner_id_user"), "user", ["owner_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("schedule_item") as batch:
        batch.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_schedule_item_assignee_id"), ["assignee_id"])
        batch.create_foreign_key(
            batch.f("fk_schedule_item_assignee_id_user"),
            "user",
            ["assignee_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("schedule_item") as batch:
        batch.drop_constraint(batch.f("fk_schedule_item_assignee_id_user"), type_="foreignkey")
        batch.drop_index(batch.f("ix_schedule_item_assignee_id"))
        batch.drop_column("assignee_id")
    with op.batch_alter_table("channel") as batch:
        batch.drop_constraint(batch.f("fk_channel_owner_id_user"), type_="foreignkey")
        batch.drop_index(batch.f("ix_channel_owner_id"))
        batch.drop_column("owner_id")
