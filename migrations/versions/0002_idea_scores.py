"""Idea scores and keys: a stored headline score (for sorting), the headline's
duplicate-check key, and indexes for the Ideas page.

Existing ideas are scored and keyed during the upgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

from idea_bank import headline_key, score_headline

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.add_column(sa.Column("score", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("headline_key", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_idea_headline_key"), ["headline_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_score"), ["score"], unique=False)
        batch_op.create_index(batch_op.f("ix_idea_status"), ["status"], unique=False)

    idea = sa.table(
        "idea",
        sa.column("id", sa.Integer),
        sa.column("headline", sa.String),
        sa.column("score", sa.Integer),
        sa.column("headline_key", sa.String),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(idea.c.id, idea.c.headline)).all():
        connection.execute(
            idea.update()
            .where(idea.c.id == row.id)
            .values(score=score_headline(row.headline).score, headline_key=headline_key(row.headline))
        )


def downgrade():
    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idea_status"))
        batch_op.drop_index(batch_op.f("ix_idea_score"))
        batch_op.drop_index(batch_op.f("ix_idea_headline_key"))
        batch_op.drop_column("headline_key")
        batch_op.drop_column("score")
