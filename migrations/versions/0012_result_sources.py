"""Each imported result row records its source (the kind of file), the workspace chooses its
analytics source of truth, and rows of two sources for the same period and tracking values
are both kept. Rows imported before are of an unknown source; importing their file again
tags them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

KEY = ["starts_on", "ends_on", "utm_source", "utm_medium", "utm_campaign", "utm_content"]
TRACKING = ["utm_content", "utm_source", "utm_medium", "utm_campaign", "source"]


def upgrade():
    with op.batch_alter_table("result_record") as batch:
        batch.add_column(
            sa.Column("source", sa.String(length=20), nullable=False, server_default="unknown")
        )
        batch.drop_constraint("uq_result_record_starts_on", type_="unique")
        batch.create_unique_constraint("uq_result_record_starts_on", [*KEY, "source"])
        batch.create_index("ix_result_record_tracking", TRACKING)
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column(
                "analytics_source", sa.String(length=20), nullable=False, server_default="ga4"
            )
        )


def downgrade():
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("analytics_source")
    with op.batch_alter_table("result_record") as batch:
        batch.drop_index("ix_result_record_tracking")
        batch.drop_constraint("uq_result_record_starts_on", type_="unique")
        batch.create_unique_constraint("uq_result_record_starts_on", KEY)
        batch.drop_column("source")
