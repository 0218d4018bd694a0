"""Hardening: item versions, one workspace and one owner, unique headlines, logout epochs,
feed tokens kept as digests only, and failed logins.

Existing data is kept: duplicate headlines stay (only the first keeps the duplicate-check
key), and every existing feed address keeps working (its digest moves to
``old_feed_token_digest``; the plain token is dropped and a new one is derived on next use).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("schedule_item") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    # Only the first workspace counts (get_workspace has always picked the lowest id).
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(sa.Column("singleton", sa.Boolean(), nullable=True))
    connection = op.get_bind()
    first = connection.execute(sa.text("SELECT MIN(id) FROM workspace")).scalar()
    if first is not None:
        connection.execute(
            sa.text("UPDATE workspace SET singleton = :yes WHERE id = :id"),
            {"yes": True, "id": first},
        )
    with op.batch_alter_table("workspace") as batch:
        batch.alter_column("singleton", server_default=sa.true())
        batch.create_unique_constraint(op.f("uq_workspace_singleton"), ["singleton"])

    # Later owners (if any) become members; the first stays the owner.
    owner = connection.execute(sa.text('SELECT MIN(id) FROM "user" WHERE is_owner')).scalar()
    if owner is not None:
        connection.execute(
            sa.text('UPDATE "user" SET is_owner = :no WHERE is_owner AND id != :id'),
            {"no": False, "id": owner},
        )
    op.create_index(
        "uq_user_one_owner",
        "user",
        ["is_owner"],
        unique=True,
        sqlite_where=sa.text("is_owner"),
        postgresql_where=sa.text("is_owner"),
    )

    # Duplicate headlines keep their text; later ones get a key of their own.
    rows = connection.execute(
        sa.text("SELECT id, headline_key FROM idea WHERE headline_key != '' ORDER BY id")
    ).all()
    seen = set()
    for idea_id, key in rows:
        if key in seen:
            connection.execute(
                sa.text("UPDATE idea SET headline_key = :key WHERE id = :id"),
                {"key": f"{key}#{idea_id}"[:200], "id": idea_id},
            )
        seen.add(key)
    op.drop_index("ix_idea_headline_key", table_name="idea")
    op.create_index(
        "uq_idea_headline_key",
        "idea",
        ["headline_key"],
        unique=True,
        sqlite_where=sa.text("headline_key != ''"),
        postgresql_where=sa.text("headline_key != ''"),
    )

    with op.batch_alter_table("user") as batch:
        batch.add_column(
            sa.Column("session_epoch", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("feed_salt", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("old_feed_token_digest", sa.String(length=64), nullable=True))
    # The stored digest is of the plain token; the plain token itself goes.
    connection.execute(sa.text('UPDATE "user" SET old_feed_token_digest = feed_token_digest'))
    with op.batch_alter_table("user") as batch:
        batch.create_unique_constraint(
            op.f("uq_user_old_feed_token_digest"), ["old_feed_token_digest"]
        )
        batch.drop_column("feed_token")

    op.create_table(
        "failed_login",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_failed_login")),
    )
    op.create_index(op.f("ix_failed_login_email"), "failed_login", ["email"])
    op.create_index(op.f("ix_failed_login_address"), "failed_login", ["address"])
    op.create_index(op.f("ix_failed_login_at"), "failed_login", ["at"])


def downgrade():
    op.drop_table("failed_login")
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("feed_token", sa.String(length=64), nullable=True))
        batch.drop_constraint(op.f("uq_user_old_feed_token_digest"), type_="unique")
        batch.drop_column("old_feed_token_digest")
        batch.drop_column("feed_salt")
        batch.drop_column("session_epoch")
    op.drop_index("uq_idea_headline_key", table_name="idea")
    op.create_index("ix_idea_headline_key", "idea", ["headline_key"])
    op.drop_index("uq_user_one_owner", table_name="user")
    with op.batch_alter_table("workspace") as batch:
        batch.drop_constraint(op.f("uq_workspace_singleton"), type_="unique")
        batch.drop_column("singleton")
    with op.batch_alter_table("schedule_item") as batch:
        batch.drop_column("version")
