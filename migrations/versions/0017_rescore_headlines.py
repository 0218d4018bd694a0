"""Rescore headlines: hype words and clickbait now lower a headline's score instead
of raising it, so every stored idea score is recomputed with the current scorer.

Nothing but the ``score`` column changes; downgrading keeps the new scores.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

from idea_bank import score_headline

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    idea = sa.table(
        "idea",
        sa.column("id", sa.Integer),
        sa.column("headline", sa.String),
        sa.column("score", sa.Integer),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(idea.c.id, idea.c.headline, idea.c.score)).all():
        score = score_headline(row.headline).score
        if score != row.score:
            connection.execute(idea.update().where(idea.c.id == row.id).values(score=score))


def downgrade():
    pass
