"""Names stay on one line and no text keeps control characters, whichever way it comes in."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import Channel, Idea, Workspace
from tests.domain.test_text import NAMES
from tests.web.test_settings import PROFILE


def test_a_channel_name_with_a_line_break_is_refused(logged_in) -> None:
    page = logged_in.post(
        "/channels/new",
        data={"name": "Blog\r\nX-EVIL:1", "slug": "blog", "timezone": ""},
    )
    assert page.status_code == 200
    assert "Name must be a single line" in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Channel)) == 0


def test_control_characters_are_dropped_from_a_new_headline(logged_in) -> None:
    logged_in.post("/ideas/add", data={"headline": "Ten\x07 bike\x7f myths\x1b"})
    assert db.session.scalar(select(Idea.headline)) == "Ten bike myths"


def test_plan_export_and_import_round_trip_every_name_the_forms_accept(
    logged_in, runner, tmp_path, fresh_app
) -> None:
    saved = logged_in.post("/settings", data={**PROFILE, "name": NAMES[0]})
    assert saved.status_code == 302
    for index, name in enumerate(NAMES):
        response = logged_in.post(
            "/channels/new", data={"name": name, "slug": f"channel-{index}", "timezone": ""}
        )
        assert response.status_code == 302, name
        logged_in.post("/ideas/add", data={"headline": f"{name} headline"})
    path = tmp_path / "plan.json"
    assert runner.invoke(args=["plan", "export", str(path)]).exit_code == 0
    exported = json.loads(path.read_text())
    assert db.session.scalar(select(Workspace.name)) == NAMES[0]
    fresh = fresh_app()
    with fresh.app_context():
        result = fresh.test_cli_runner().invoke(args=["plan", "import", str(path)])
        assert result.exit_code == 0, result.output
        assert db.session.scalar(select(Workspace.name)) == NAMES[0]
        names = db.session.scalars(select(Channel.name).order_by(Channel.slug)).all()
        assert names == NAMES
        headlines = set(db.session.scalars(select(Idea.headline)))
        assert {" ".join(f"{name} headline".split()) for name in NAMES} <= headlines
    assert exported["channels"][3]["name"] == NAMES[3]
