"""Monthly sums of the imported results, which the Results page reads.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "result_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=True),
        sa.Column("utm_campaign", sa.String(length=100), nullable=False),
        sa.Column("visits", sa.BigInteger(), nullable=False),
        sa.Column("leads", sa.BigInteger(), nullable=False),
        sa.Column("customers", sa.BigInteger(), nullable=False),
        sa.Column("revenue", sa.Numeric(precision=20, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_result_month_channel_id_channel"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result_month")),
    )
    with op.batch_alter_table("result_month") as batch:
        batch.create_index(batch.f("ix_result_month_month"), ["month"], unique=False)
    # The sums of the results imported so far.
    if op.get_bind().dialect.name == "postgresql":
        month = "CAST(date_trunc('month', starts_on) AS DATE)"
    else:
        month = "date(starts_on, 'start of month')"
    op.execute(
        "INSERT INTO result_month "
        "(month, channel_id, utm_campaign, visits, leads, customers, revenue) "
        f"SELECT {month}, channel_id, utm_campaign, SUM(visits), SUM(leads), SUM(customers), "
        f"SUM(revenue) FROM result_record GROUP BY {month}, channel_id, utm_campaign"
    )


def downgrade():
    with op.batch_alter_table("result_month") as batch:
        batch.drop_index(batch.f("ix_result_month_month"))
    op.drop_table("result_month")
