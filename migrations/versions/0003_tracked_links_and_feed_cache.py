"""Tracked links and the feed cache: ad-hoc link history, utm_term on items, and
each item's serialised calendar event with the fingerprint it was made from.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('link_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('destination', sa.String(length=2000), nullable=False),
    sa.Column('utm_source', sa.String(length=100), nullable=False),
    sa.Column('utm_medium', sa.String(length=100), nullable=False),
    sa.Column('utm_campaign', sa.String(length=100), nullable=False),
    sa.Column('utm_content', sa.String(length=100), nullable=False),
    sa.Column('utm_term', sa.String(length=100), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_link_record_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_record')),
    sa.UniqueConstraint('uid', name=op.f('uq_link_record_uid'))
    )
    with op.batch_alter_table('link_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_link_record_created_at'), ['created_at'], unique=False)

    with op.batch_alter_table('schedule_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('utm_term', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('ical_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('ical_fingerprint', sa.String(length=250), nullable=True))



def downgrade():
    with op.batch_alter_table('schedule_item', schema=None) as batch_op:
        batch_op.drop_column('ical_fingerprint')
        batch_op.drop_column('ical_text')
        batch_op.drop_column('utm_term')

    with op.batch_alter_table('link_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_link_record_created_at'))

    op.drop_table('link_record')
