"""The plan file and backups from the browser: downloads, a preview that changes nothing,
applying exactly the previewed file, and owner-only backups checked before a restore."""

from __future__ import annotations

import io
import json
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from calendar_app.domain.json_reader import PlanError
from calendar_app.extensions import db
from calendar_app.models import CadenceRule, Channel, Idea, ScheduleItem, Workspace
from calendar_app.services import backup
from tests.factories import make_channel, make_rule, make_user
from tests.services.test_plan_files import PLAN

TABLES = (Workspace, Channel, CadenceRule, Idea, ScheduleItem)


def counts() -> dict[str, int]:
    db.session.rollback()  # see what is committed
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in TABLES}


def upload(client, document: object, path: str = "/settings/plan/preview", field: str = "plan"):
    body = document if isinstance(document, bytes) else json.dumps(document).encode()
    return client.post(
        path,
        data={f"{field}-file": (io.BytesIO(body), "file.json")},
        content_type="multipart/form-data",
    )


def hidden(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<input[^>]*value="([^"]*)"[^>]*name="{name}"', page
    )
    assert found, name
    return unescape(found.group(1))


def apply_form(page: str) -> dict[str, str]:
    return {name: hidden(page, name) for name in ("apply-plan", "apply-token")}


def member_client(app):
    make_user("sam@example.com", "long enough pw")
    member = app.test_client()
    member.post("/login", data={"email": "sam@example.com", "password": "long enough pw"})
    return member


def test_the_downloaded_plan_file_imports_on_the_command_line(logged_in, runner, tmp_path):
    make_rule(make_channel("linkedin"))
    response = logged_in.get("/settings/plan.json")
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="acme-bikes-plan-2026-11-23.json"'
    document = response.get_json()
    assert [c["slug"] for c in document["channels"]] == ["linkedin"]
    path = tmp_path / "plan.json"
    path.write_bytes(response.get_data())
    result = runner.invoke(args=["plan", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 channels, 0 rules and 0 ideas added, 0 records updated" in result.output


def test_the_preview_shows_the_counts_and_changes_nothing(logged_in) -> None:
    before = counts()
    page = upload(logged_in, PLAN).get_data(as_text=True)
    assert "What the plan file would change" in page
    assert "2 channels added" in page and "3 cadence rules added" in page
    assert "1 idea added" in page and "people worked on would move" in page
    assert counts() == before


def test_apply_imports_exactly_the_previewed_file(logged_in) -> None:
    page = upload(logged_in, PLAN).get_data(as_text=True)
    response = logged_in.post("/settings/plan/apply", data=apply_form(page))
    assert response.status_code == 302
    assert [c.slug for c in db.session.scalars(select(Channel).order_by(Channel.slug))] == [
        "blog",
        "linkedin",
    ]
    assert counts()["Idea"] == 1
    shown = logged_in.get("/settings/files").get_data(as_text=True)
    assert "Plan imported: 2 channels, 3 rules and 1 ideas added" in shown
    page = upload(logged_in, PLAN).get_data(as_text=True)  # the same file again: no change
    assert "0 channels added" in page and "0 records changed" in page


def test_a_file_changed_after_the_preview_is_refused(logged_in) -> None:
    page = upload(logged_in, PLAN).get_data(as_text=True)
    form = apply_form(page)
    form["apply-plan"] = form["apply-plan"].replace("Winter cycling", "Summer cycling")
    before = counts()
    response = logged_in.post("/settings/plan/apply", data=form, follow_redirects=True)
    assert "This preview can no longer be applied" in response.get_data(as_text=True)
    assert counts() == before
    form = {**apply_form(page), "apply-token": "forged"}
    assert logged_in.post("/settings/plan/apply", data=form).status_code == 302
    assert counts() == before


def test_an_old_preview_cannot_be_applied(logged_in, clock, monkeypatch) -> None:
    page = upload(logged_in, PLAN).get_data(as_text=True)
    monkeypatch.setattr("calendar_app.web.settings.files.PREVIEW_MAX_AGE", -1)
    response = logged_in.post("/settings/plan/apply", data=apply_form(page))
    assert response.status_code == 302 and counts()["Channel"] == 0


def test_a_plan_changed_since_the_preview_is_previewed_again(logged_in) -> None:
    page = upload(logged_in, PLAN).get_data(as_text=True)
    make_channel("blog")  # someone adds the blog meanwhile
    before = counts()
    response = logged_in.post("/settings/plan/apply", data=apply_form(page))
    again = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The plan changed since your preview, so nothing was applied" in again
    assert "1 channel added" in again
    assert counts() == before
    assert apply_form(again)["apply-token"] != apply_form(page)["apply-token"]
    logged_in.post("/settings/plan/apply", data=apply_form(again))
    assert counts()["Channel"] == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "Plan rejected, nothing changed. (file): is not valid JSON"),
        (b"\xff\xfe\x00", "Plan rejected, nothing changed. (file): is not valid JSON"),
        (b"[]", "Plan rejected, nothing changed. (file): must be a JSON object."),
        (
            json.dumps({**PLAN, "format": "other"}).encode(),
            "Plan rejected, nothing changed. format: must be",
        ),
    ],
)
def test_bad_plan_files_are_refused_with_the_command_lines_message(
    logged_in, body, message
) -> None:
    before = counts()
    response = upload(logged_in, body)
    assert response.status_code == 200
    assert message in unescape(response.get_data(as_text=True))
    assert counts() == before


def test_every_problem_of_a_plan_file_is_listed(logged_in) -> None:
    document = {**PLAN, "colour": "red", "channels": [{"name": "Blog", "slug": "Not a slug"}]}
    page = unescape(upload(logged_in, document).get_data(as_text=True))
    assert "Plan rejected, nothing changed. colour: is not a field here" in page
    assert "channels[0].slug" in page


def test_a_missing_or_huge_plan_file_changes_nothing(logged_in) -> None:
    response = logged_in.post("/settings/plan/preview", data={}, content_type="multipart/form-data")
    assert "Choose a plan file." in response.get_data(as_text=True)
    huge = (  # built by hand: the test client would spool it to a file it never closes
        b'--x\r\nContent-Disposition: form-data; name="plan-file"; filename="plan.json"\r\n\r\n'
        + b" " * (3 * 1024 * 1024)
        + json.dumps(PLAN).encode()
        + b"\r\n--x--\r\n"
    )
    response = logged_in.post(
        "/settings/plan/preview", data=huge, content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 413
    assert counts()["Channel"] == 0


def test_members_use_the_plan_file_but_never_see_backups(logged_in, app) -> None:
    member = member_client(app)
    page = member.get("/settings/files").get_data(as_text=True)
    assert "Download the plan file" in page and "Backups" not in page
    assert member.get("/settings/plan.json").status_code == 200
    assert member.get("/settings/backup.json").status_code == 403
    assert upload(member, b"{}", "/settings/backup/check", "backup").status_code == 403
    owner_page = logged_in.get("/settings/files").get_data(as_text=True)
    assert "Download a backup" in owner_page


def test_the_backup_download_has_every_table_and_no_password(logged_in) -> None:
    make_rule(make_channel("linkedin"))
    response = logged_in.get("/settings/backup.json")
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="acme-bikes-backup-2026-11-23.json"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    document = response.get_json()
    assert document["format"] == backup.BACKUP_FORMAT
    assert [u["email"] for u in document["tables"]["user"]] == ["owner@example.com"]
    assert "password_hash" not in document["tables"]["user"][0]
    assert b"pbkdf2" not in response.get_data()
    assert len(document["tables"]["channel"]) == 1


def test_a_downloaded_backup_checks_as_valid(logged_in) -> None:
    make_rule(make_channel("linkedin"))
    body = logged_in.get("/settings/backup.json").get_data()
    before = counts()
    page = upload(logged_in, body, "/settings/backup/check", "backup").get_data(as_text=True)
    assert "This backup is valid: 1 workspace, 1 user, 1 channel, 1 cadence rule" in page
    assert counts() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "Backup rejected. (file): is not valid JSON"),
        (b'{"format": "other"}', "Backup rejected. format: must be"),
        (
            json.dumps(
                {"format": backup.BACKUP_FORMAT, "tables": {"channel": [{"id": "x"}], "user": 1}}
            ).encode(),
            "tables.user: must be a list.",
        ),
    ],
)
def test_a_bad_backup_is_refused_with_every_problem(logged_in, body, message) -> None:
    page = unescape(upload(logged_in, body, "/settings/backup/check", "backup").get_data(True))
    assert message in page and "This backup is valid" not in page


def test_every_plan_and_backup_form_needs_its_csrf_token(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        from tests.factories import make_workspace

        make_workspace()
        owner = make_user("owner@example.com", is_owner=True)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = owner.get_id()
        page = client.get("/settings/files").get_data(as_text=True)
        token = hidden(page, "plan-csrf_token")
        assert hidden(page, "backup-csrf_token")
        assert upload(client, PLAN).status_code == 400  # no token
        assert upload(client, b"{}", "/settings/backup/check", "backup").status_code == 400
        body = json.dumps(PLAN).encode()
        preview = client.post(
            "/settings/plan/preview",
            data={"plan-csrf_token": token, "plan-file": (io.BytesIO(body), "plan.json")},
            content_type="multipart/form-data",
        ).get_data(as_text=True)
        form = apply_form(preview)
        assert hidden(preview, "apply-csrf_token")
        assert client.post("/settings/plan/apply", data=form).status_code == 400
        assert counts()["Channel"] == 0
        form["apply-csrf_token"] = hidden(preview, "apply-csrf_token")
        assert client.post("/settings/plan/apply", data=form).status_code == 302
        assert counts()["Channel"] == 2


def test_a_plan_refused_only_when_stored_is_named_in_the_preview_and_at_apply(
    logged_in, monkeypatch
) -> None:
    document = json.loads(json.dumps(PLAN))
    document["channels"][0]["rules"][0]["starts_on"] = "2024-01-01"
    page = unescape(upload(logged_in, document).get_data(as_text=True))
    assert "Plan rejected, nothing changed. channels[0].rules[0].starts_on:" in page
    page = upload(logged_in, PLAN).get_data(as_text=True)

    def refuse(*_args: object) -> None:
        raise PlanError("channels[0].slug", "is taken.")

    monkeypatch.setattr("calendar_app.web.settings.files.apply_previewed_plan", refuse)
    response = logged_in.post("/settings/plan/apply", data=apply_form(page), follow_redirects=True)
    assert "Plan rejected, nothing changed. channels[0].slug: is taken." in unescape(
        response.get_data(as_text=True)
    )
    assert counts()["Channel"] == 0
