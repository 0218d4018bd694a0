"""Mail: the outbox of mails waiting to be sent, password resets by mail (only the
digests of their tokens are stored) and the mails each member chooses to get. New
tables, and four new columns of the user: every member gets every mail until they
choose otherwise; no existing value changes.

Revision ID: 0031
Revises: 0030
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


CHOSEN_KINDS = ("review", "mention", "approval", "digest")


def upgrade():
    with op.batch_alter_table("user") as batch:
        for kind in CHOSEN_KINDS:
            batch.add_column(
                sa.Column(
                    f"mail_{kind}", sa.Boolean(), nullable=False, server_default=sa.text("true")
                )
            )
    op.create_table(
        "outbox_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("to", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("unsubscribe_url", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_mail")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_mail_key")),
    )
    op.create_index(op.f("ix_outbox_mail_sent_at"), "outbox_mail", ["sent_at"], unique=False)
    op.create_table(
        "password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_password_reset_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_password_reset_token_digest")),
    )
    op.create_index(
        op.f("ix_password_reset_user_id"), "password_reset", ["user_id"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_password_reset_user_id"), table_name="password_reset")
    op.drop_table("password_reset")
    op.drop_index(op.f("ix_outbox_mail_sent_at"), table_name="outbox_mail")
    op.drop_table("outbox_mail")
    with op.batch_alter_table("user") as batch:
        for kind in CHOSEN_KINDS:
            batch.drop_column(f"mail_{kind}")
