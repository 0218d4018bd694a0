"""Campaigns as things: a name, its utm_campaign token, dates, a goal, a colour, its
channels and spend per month. Items and headlines pick one instead of typing it.

Every free-text campaign value becomes a campaign whose token is the value written as a
tracking value, the very ``utm_campaign`` its posts' links carried, so no link changes and
results already imported stay with their campaign. Values that differ only in how they are
written (``Spring Sale`` and ``spring-sale``) become one campaign, named as most items wrote
it; it runs on the channels of the items that used it. A value with nothing left once
written as a tracking value (only punctuation) makes no campaign: it is kept in the notes.
Such a value had made its posts' links carry the channel and activity as utm_campaign; they
now carry their headline (results already imported still match them by utm_content).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from calendar_app.domain.campaigns import campaigns_from_text
from calendar_app.domain.tracking import normalise_utm

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("goal", sa.String(length=200), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("token", name=op.f("uq_campaign_token")),
    )
    op.create_table(
        "campaign_channel",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_channel_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"],
            ["channel.id"],
            name=op.f("fk_campaign_channel_channel_id_channel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("campaign_id", "channel_id", name=op.f("pk_campaign_channel")),
    )
    op.create_table(
        "campaign_spend",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_spend_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_spend")),
        sa.UniqueConstraint("campaign_id", "month", name=op.f("uq_campaign_spend_campaign_id")),
    )
    for table in ("schedule_item", "idea"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
            batch.create_index(batch.f(f"ix_{table}_campaign_id"), ["campaign_id"], unique=False)
            batch.create_foreign_key(
                batch.f(f"fk_{table}_campaign_id_campaign"),
                "campaign",
                ["campaign_id"],
                ["id"],
                ondelete="SET NULL",
            )
    _free_text_to_campaigns(op.get_bind())
    for table in ("schedule_item", "idea"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("campaign")


def _token(text):
    try:
        return normalise_utm(text)
    except ValueError:
        return None


def _free_text_to_campaigns(connection):
    items = connection.execute(
        sa.text(
            "SELECT s.id, s.channel_id, s.campaign, i.campaign FROM schedule_item s "
            "LEFT JOIN idea i ON s.idea_id = i.id"
        )
    ).all()
    ideas = connection.execute(sa.text("SELECT id, campaign FROM idea")).all()
    uses = [(own or of_idea, channel_id) for _id, channel_id, own, of_idea in items]
    uses += [(value, None) for _id, value in ideas]
    found = campaigns_from_text([(value, channel) for value, channel in uses if value])
    now = datetime.now(UTC).replace(tzinfo=None)
    ids = {}
    for token, campaign in found.items():
        ids[token] = connection.execute(
            sa.text(
                "INSERT INTO campaign (name, token, goal, colour, created_at, updated_at) "
                "VALUES (:name, :token, '', :colour, :now, :now) RETURNING id"
            ),
            {"name": campaign.name, "token": token, "colour": campaign.colour, "now": now},
        ).scalar_one()
        for channel_id in sorted(campaign.channel_ids):
            connection.execute(
                sa.text("INSERT INTO campaign_channel VALUES (:campaign, :channel)"),
                {"campaign": ids[token], "channel": channel_id},
            )
    for item_id, _channel, own, _of_idea in items:
        _link(connection, "schedule_item", item_id, own, ids)
    for idea_id, value in ideas:
        _link(connection, "idea", idea_id, value, ids)


def _link(connection, table, row_id, value, ids):
    """Point a row at its value's campaign; a value that never made a token goes to notes."""
    if not value:
        return
    token = _token(value)
    if token:
        connection.execute(
            sa.text(f"UPDATE {table} SET campaign_id = :campaign WHERE id = :id"),
            {"campaign": ids[token], "id": row_id},
        )
        return
    connection.execute(
        sa.text(
            f"UPDATE {table} SET notes = CASE WHEN notes = '' THEN :kept "
            f"ELSE notes || :sep || :kept END WHERE id = :id"
        ),
        {"kept": f"Campaign: {value}", "sep": "\n", "id": row_id},
    )


def downgrade():
    for table in ("schedule_item", "idea"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("campaign", sa.String(length=100), nullable=False, server_default="")
            )
    connection = op.get_bind()
    for table in ("schedule_item", "idea"):
        connection.execute(
            sa.text(
                f"UPDATE {table} SET campaign = (SELECT c.name FROM campaign c "
                f"WHERE c.id = {table}.campaign_id) WHERE campaign_id IS NOT NULL"
            )
        )
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(batch.f(f"fk_{table}_campaign_id_campaign"), type_="foreignkey")
            batch.drop_index(batch.f(f"ix_{table}_campaign_id"))
            batch.drop_column("campaign_id")
    op.drop_table("campaign_spend")
    op.drop_table("campaign_channel")
    op.drop_table("campaign")
