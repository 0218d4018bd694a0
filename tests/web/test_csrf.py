"""Every form that changes something carries the CSRF token; a post without it changes nothing."""

from __future__ import annotations

import re

from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem, User
from tests.factories import make_user

PAGES = [
    "/week",
    "/calendar",
    "/calendar?view=week",
    "/channels/",
    "/channels/new",
    "/ideas/",
    "/links/",
    "/results/",
    "/results/metrics",
    "/subscribe",
    "/settings",
    "/account",
    "/settings/files",
    "/welcome/",
    "/welcome/basics",
    "/welcome/channels",
    "/settings/shares",
    "/settings/webhooks",
]
FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S | re.I)
# A prefixed WTForms form names it "pw-csrf_token"; attributes come in either order.
TOKEN = re.compile(r'<input(?=[^>]*name="(?:[\w-]+-)?csrf_token")[^>]*value="([^"]+)"')


def posting_forms(page: str) -> list[str]:
    """The forms of a page that post (a form without a method gets)."""
    return [f for f in FORM.findall(page) if re.search(r'method="post"', f[:200], re.I)]


def test_every_form_that_posts_carries_a_csrf_token(fresh_app) -> None:
    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["demo"]).exit_code == 0
        owner = make_user("owner@example.com", is_owner=True)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = owner.get_id()
        item = db.session.scalars(
            select(ScheduleItem).where(ScheduleItem.activity == "post")
        ).first()
        idea = db.session.scalars(select(Idea)).first()
        rule_id = item.rule_id
        pages = [*PAGES, f"/items/{item.id}", f"/channels/rules/{rule_id}/edit"]
        seen = 0
        for path in pages:
            page = client.get(path).get_data(as_text=True)
            for form in posting_forms(page):
                token = re.search(TOKEN, form)
                assert token and len(token.group(1)) > 20, (path, form[:300])
                seen += 1
        assert seen > 40  # the pages above hold many small forms
        refused = client.post(f"/ideas/{idea.id}/status", data={"status": "archived"})
        assert refused.status_code == 400
        db.session.refresh(idea)
        assert idea.status != "archived"
        assert db.session.scalar(select(User)) is not None


def test_a_results_upload_past_the_forms_2_mb_is_read_with_its_token(fresh_app) -> None:
    """The CSRF check reads the body: it must already allow an upload its full size."""
    import io

    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    app = fresh_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        app.test_cli_runner().invoke(args=["demo"])
        owner = make_user("owner@example.com", is_owner=True)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = owner.get_id()
        token = re.search(TOKEN, client.get("/results/").get_data(as_text=True)).group(1)
        line = b"2026-11-01,elsewhere,social,winter,,12,0,0,0\n"
        rows = [line.replace(b"winter", b"w%06d" % n) for n in range(70_000)]
        raw = (
            b"date,utm_source,utm_medium,utm_campaign,utm_content,visits,leads,customers,revenue\n"
        )
        raw += b"".join(rows)
        assert len(raw) > 3 * 1024 * 1024

        # Encoded here, in memory: the test client's own encoder spools a large body
        # to a temporary file that it never closes.
        def multipart(fields: dict) -> dict:
            boundary, body = encode_multipart(fields)
            return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}

        upload = FileStorage(io.BytesIO(raw), filename="results.csv")
        answer = client.post("/results/", **multipart({"csrf_token": token, "file": upload}))
        assert answer.status_code == 302, answer.status_code
        upload = FileStorage(io.BytesIO(raw), filename="results.csv")
        without = client.post("/results/", **multipart({"file": upload}))
        assert without.status_code == 400  # and still refused without its token
