"""History: one row per changed field of an item, its copy, a rule or a channel.

A new table only; every existing row stays as it is.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "change_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column(
            "actor_id",
            sa.Integer(),
            sa.ForeignKey("user.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("actor_label", sa.String(254), nullable=False),
    )
    op.create_index("ix_change_record_at", "change_record", ["at"])
    op.create_index("ix_change_record_actor_id", "change_record", ["actor_id"])
    op.create_index("ix_change_record_entity", "change_record", ["kind", "entity_id"])


def downgrade():
    op.drop_index("ix_change_record_entity", table_name="change_record")
    op.drop_index("ix_change_record_actor_id", table_name="change_record")
    op.drop_index("ix_change_record_at", table_name="change_record")
    op.drop_table("change_record")
