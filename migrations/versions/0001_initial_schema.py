"""Initial schema: workspace, users, channels, cadence rules, rule exceptions, ideas, schedule items.

Date and time columns hold naive UTC (see calendar_app.models.UTCDateTime).

Revision ID: 0001
Revises: 
Create Date: 2026-11-23

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('channel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('utm_source', sa.String(length=100), nullable=False),
    sa.Column('utm_medium', sa.String(length=100), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_channel')),
    sa.UniqueConstraint('slug', name=op.f('uq_channel_slug'))
    )
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('is_owner', sa.Boolean(), nullable=False),
    sa.Column('feed_token', sa.String(length=64), nullable=False),
    sa.Column('feed_token_digest', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email')),
    sa.UniqueConstraint('feed_token_digest', name=op.f('uq_user_feed_token_digest'))
    )
    op.create_table('workspace',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('mission', sa.String(length=140), nullable=False),
    sa.Column('industry', sa.String(length=120), nullable=False),
    sa.Column('audience', sa.String(length=200), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('products', sa.JSON(), nullable=False),
    sa.Column('site_url', sa.String(length=2000), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('goal', sa.String(length=40), nullable=False),
    sa.Column('goal_target', sa.Integer(), nullable=True),
    sa.Column('hours_per_week', sa.Float(), nullable=False),
    sa.Column('blackout_dates', sa.JSON(), nullable=False),
    sa.Column('planned_until', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workspace'))
    )
    op.create_table('cadence_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel_id', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=20), nullable=False),
    sa.Column('rrule', sa.String(length=500), nullable=True),
    sa.Column('per_week', sa.Integer(), nullable=True),
    sa.Column('time_of_day', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('routine_key', sa.String(length=40), nullable=True),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['channel.id'], name=op.f('fk_cadence_rule_channel_id_channel'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cadence_rule'))
    )
    op.create_table('idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('headline', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('template_key', sa.String(length=40), nullable=True),
    sa.Column('purpose', sa.String(length=20), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('target_url', sa.String(length=2000), nullable=False),
    sa.Column('campaign', sa.String(length=100), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_idea_author_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea'))
    )
    op.create_table('rule_exception',
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('occurrence_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['cadence_rule.id'], name=op.f('fk_rule_exception_rule_id_cadence_rule'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rule_id', 'occurrence_date', name=op.f('pk_rule_exception'))
    )
    op.create_table('schedule_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('channel_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('occurrence_date', sa.Date(), nullable=True),
    sa.Column('activity', sa.String(length=20), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('destination_url', sa.String(length=2000), nullable=False),
    sa.Column('campaign', sa.String(length=100), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('touched_at', sa.DateTime(), nullable=True),
    sa.Column('off_rule', sa.Boolean(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['channel.id'], name=op.f('fk_schedule_item_channel_id_channel'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_schedule_item_idea_id_idea'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rule_id'], ['cadence_rule.id'], name=op.f('fk_schedule_item_rule_id_cadence_rule'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule_item')),
    sa.UniqueConstraint('rule_id', 'occurrence_date', name=op.f('uq_schedule_item_rule_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_schedule_item_uid'))
    )
    with op.batch_alter_table('schedule_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_item_channel_id'), ['channel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_item_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_item_rule_id'), ['rule_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_item_starts_at'), ['starts_at'], unique=False)



def downgrade():
    with op.batch_alter_table('schedule_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_item_starts_at'))
        batch_op.drop_index(batch_op.f('ix_schedule_item_rule_id'))
        batch_op.drop_index(batch_op.f('ix_schedule_item_idea_id'))
        batch_op.drop_index(batch_op.f('ix_schedule_item_channel_id'))

    op.drop_table('schedule_item')
    op.drop_table('rule_exception')
    op.drop_table('idea')
    op.drop_table('cadence_rule')
    op.drop_table('workspace')
    op.drop_table('user')
    op.drop_table('channel')
