"""Outgoing webhooks: the owner's subscriptions and the outbox of their deliveries.
New tables: no existing row changes.

Revision ID: 0034_webhooks
Revises: 0033
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0034_webhooks"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "webhook_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("events", sa.String(length=300), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("paused_reason", sa.String(length=300), nullable=False),
        sa.Column("failing_since", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
            name=op.f("fk_webhook_subscription_created_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_subscription")),
    )
    op.create_table(
        "webhook_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("msg_id", sa.String(length=40), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("response_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["webhook_subscription.id"],
            name=op.f("fk_webhook_delivery_subscription_id_webhook_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_delivery")),
        sa.UniqueConstraint("msg_id", name=op.f("uq_webhook_delivery_msg_id")),
    )
    with op.batch_alter_table("webhook_delivery") as batch:
        batch.create_index(
            batch.f("ix_webhook_delivery_subscription_id"), ["subscription_id"], unique=False
        )
        batch.create_index(
            batch.f("ix_webhook_delivery_next_attempt_at"), ["next_attempt_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("webhook_delivery") as batch:
        batch.drop_index(batch.f("ix_webhook_delivery_next_attempt_at"))
        batch.drop_index(batch.f("ix_webhook_delivery_subscription_id"))
    op.drop_table("webhook_delivery")
    op.drop_table("webhook_subscription")
