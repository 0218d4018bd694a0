"""A colour per channel, stored, so adding a channel no longer shifts the others' colours.

Existing channels get the colour they showed before: the palette in the order of the
calendar's channel list (by name), starting over after its last colour.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# The palette as it was when this migration was written (domain/campaigns.py PALETTE).
PALETTE = ("#1f5fbf", "#b8860b", "#1d6b3a", "#a1161b", "#6a3fb5", "#0b7a8a", "#9a3b00", "#4a5568")


def upgrade():
    with op.batch_alter_table("channel") as batch:
        batch.add_column(
            sa.Column("colour", sa.String(length=7), nullable=False, server_default=PALETTE[0])
        )
    bind = op.get_bind()
    ids = bind.execute(sa.text("SELECT id FROM channel ORDER BY name, id")).scalars().all()
    for position, channel_id in enumerate(ids):
        bind.execute(
            sa.text("UPDATE channel SET colour = :colour WHERE id = :id"),
            {"colour": PALETTE[position % len(PALETTE)], "id": channel_id},
        )


def downgrade():
    with op.batch_alter_table("channel") as batch:
        batch.drop_column("colour")
