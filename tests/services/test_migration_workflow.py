"""Migration 0026: roles, approval and the new statuses keep every row there was."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select, text

from calendar_app.extensions import db
from calendar_app.models import LinkRecord, ResultRecord, RoutineTick, ScheduleItem, User
from calendar_app.services import accounts
from tests.factories import make_user

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
KEPT = ("channel", "cadence_rule", "idea", "schedule_item", "link_record", "result_record",
        "campaign", "invitation", "user", "routine_tick")  # fmt: skip


def counts() -> dict[str, int]:
    return {t: db.session.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in KEPT}


def statuses() -> dict[str, str]:
    rows = db.session.execute(text("SELECT uid, status FROM schedule_item")).all()
    return dict(rows)


def add_links_results_invitations_and_ticks(owner: User) -> None:
    """A link, a result, an invitation and a ticked routine step: each kind of row."""
    item = db.session.scalars(select(ScheduleItem).where(ScheduleItem.activity == "post")).first()
    routine = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.activity == "routine")
    ).first()
    values = {"utm_source": "blog", "utm_medium": "organic", "utm_campaign": "winter"}
    db.session.add(
        LinkRecord(
            destination="https://acme.example/",
            utm_content="a",
            url="https://acme.example/?a",
            **values,
        )
    )
    db.session.add(
        ResultRecord(
            starts_on=date(2026, 11, 2),
            ends_on=date(2026, 11, 2),
            visits=7,
            item_id=item.id,
            **values,
        )
    )
    db.session.add(RoutineTick(item_id=routine.id, step=0, number=3, ticked_at=NOW))
    db.session.commit()
    accounts.invite("new@example.com", owner, NOW, "contributor")


def test_upgrading_to_0026_maps_statuses_and_roles_and_keeps_every_row(fresh_app) -> None:
    app = fresh_app(create_schema=False)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert runner.invoke(args=["demo"]).exit_code == 0
        owner = make_user("owner@example.com", is_owner=True)
        make_user("member@example.com")
        add_links_results_invitations_and_ticks(owner)
        db.session.remove()
        # Back to the statuses before the workflow, with some items ready and published.
        assert runner.invoke(args=["db", "downgrade", "0025"]).exit_code == 0
        db.session.execute(
            text(
                "UPDATE schedule_item SET status = 'ready' WHERE id IN"
                " (SELECT MIN(id) FROM schedule_item GROUP BY activity)"
            )
        )
        db.session.execute(
            text(
                "UPDATE schedule_item SET status = 'published' WHERE id IN"
                " (SELECT MAX(id) FROM schedule_item GROUP BY activity)"
            )
        )
        db.session.commit()
        before, old = counts(), statuses()
        activity = dict(db.session.execute(text("SELECT uid, activity FROM schedule_item")).all())
        assert set(old.values()) == {"planned", "ready", "published"}
        assert min(before.values()) > 0, before
        db.session.remove()

        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert counts() == before
        post_map = {"planned": "draft", "ready": "approved", "published": "published"}
        task_map = {"planned": "todo", "ready": "done", "published": "done"}
        assert statuses() == {
            uid: (post_map if activity[uid] in ("post", "video") else task_map)[status]
            for uid, status in old.items()
        }
        roles = dict(db.session.execute(text('SELECT email, role FROM "user"')).all())
        assert roles == {"owner@example.com": "owner", "member@example.com": "editor"}
        assert (
            db.session.execute(
                text("SELECT COUNT(*) FROM channel WHERE requires_approval")
            ).scalar()
            == 0
        )
        db.session.remove()

        # Going back maps every status to the one before it and keeps every row.
        assert runner.invoke(args=["db", "downgrade", "0025"]).exit_code == 0
        assert counts() == before
        back = statuses()
        assert all(back[uid] in ("planned", "ready", "published") for uid in old)
        assert sum(s == "planned" for s in back.values()) == sum(
            s == "planned" for s in old.values()
        )
