"""Mark the rows the demo plan made, so that "Remove the demo" removes only those.

Channels, cadence rules, campaigns and ideas get ``from_demo``. Existing rows stay
unmarked: an install cannot tell which of its rows came from the demo and which a
person made or changed, and a row left unmarked is never removed.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLES = ("channel", "cadence_rule", "campaign", "idea")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("from_demo", sa.Boolean(), nullable=False, server_default=sa.false())
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("from_demo")
