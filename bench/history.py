"""History benchmark: re-plan a year of the demo plan with and without the history.

Run with ``.venv/bin/python bench/history.py`` (add ``--postgres URL`` to use
PostgreSQL; the default is a temporary SQLite file). The demo plan is planned a
year ahead and a member works on 60 of its items; then every rule's time moves by
an hour and everything is re-planned (thousands of untouched items move), with the
history's listener and without it. It prints the median time of each, their
ratio, and how many history rows one such re-plan writes: only the rules' changes
and what the planner did to items people worked on, never a row per moved slot.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feed import database_url, timed  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from calendar_app import create_app  # noqa: E402
from calendar_app.extensions import db  # noqa: E402
from calendar_app.models import CadenceRule, ChangeRecord, ScheduleItem  # noqa: E402
from calendar_app.services import accounts, planner  # noqa: E402
from calendar_app.services.actor import acting_as, member  # noqa: E402
from calendar_app.services.demo import load_demo  # noqa: E402
from calendar_app.services.history import record_changes  # noqa: E402
from calendar_app.services.items import set_status  # noqa: E402
from calendar_app.services.transaction import unit_of_work  # noqa: E402

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
WORKED_ON = 60
ROUNDS = 3


def set_up() -> None:
    """The demo plan a year ahead, with a member's status changes on 60 posts."""
    db.drop_all()
    db.create_all()
    load_demo(NOW, ideas=0)
    owner = accounts.create_user("owner@example.com", "long enough pw", "bench", is_owner=True)
    with unit_of_work():
        planner.get_workspace().planned_until = NOW.date() + timedelta(days=365)
    planner.replan_everything(NOW)
    db.session.commit()
    posts = db.session.scalars(
        select(ScheduleItem).where(ScheduleItem.activity == "post").order_by(ScheduleItem.id)
    ).all()
    with acting_as(member(owner)):
        for item in posts[:: max(1, len(posts) // WORKED_ON)][:WORKED_ON]:
            set_status(item, "in_review", NOW, by=owner)


def replan_an_hour_later() -> None:
    """Every rule an hour later (or back), then everything re-planned: one unit of work."""
    with unit_of_work():
        for rule in db.session.scalars(select(CadenceRule)):
            hour = rule.time_of_day.hour
            rule.time_of_day = rule.time_of_day.replace(hour=hour + 1 if hour < 20 else hour - 1)
        planner.replan_everything(NOW)


def history_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(ChangeRecord)) or 0


def main() -> None:
    url = database_url(__doc__ or "")
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        set_up()
        items = db.session.scalar(select(func.count()).select_from(ScheduleItem))
        before = history_rows()
        with_history = timed(replan_an_hour_later, ROUNDS)
        written = (history_rows() - before) / ROUNDS
        event.remove(Session, "after_flush", record_changes)
        try:
            without = timed(replan_an_hour_later, ROUNDS)
        finally:
            event.listen(Session, "after_flush", record_changes)
    print(f"items planned a year ahead: {items:,}; worked on by a member: {WORKED_ON}")
    print(f"re-plan moving every untouched item, with history:    {with_history * 1000:8.0f} ms")
    print(f"re-plan moving every untouched item, without history: {without * 1000:8.0f} ms")
    print(f"ratio: {with_history / without:.2f}; history rows per re-plan: {written:.0f}")


if __name__ == "__main__":
    main()
