"""Backups carry comment threads and inboxes; a restore refuses rows the app would not make."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.clock import now as app_now
from calendar_app.domain.backup_checks import BackupError
from calendar_app.domain.comments import CommentError
from calendar_app.services import backup, comments, inbox, plan_export
from calendar_app.services.items import set_status
from tests.factories import make_channel, make_idea, make_item, make_user, make_workspace
from tests.services.test_round_trips import ROUND_TRIPS, restored, wipe


def team_and_targets():
    make_workspace()
    owner = make_user("owner@example.com", is_owner=True)
    ana = make_user("ana@example.com", role="contributor")
    post = make_item(make_channel("blog"), app_now() + timedelta(days=1))
    post.assignee = ana
    return owner, ana, post, make_idea("Cold rides")


@ROUND_TRIPS
@given(
    st.lists(
        st.tuples(
            st.text(max_size=60) | st.sampled_from(["@ana hi", "https://a.example/ @owner"]),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),  # fmt: skip
        min_size=1,
        max_size=4,
    )
)
def test_any_comment_the_service_accepts_survives_a_backup(app, comments_made) -> None:
    wipe()
    owner, ana, post, idea = team_and_targets()
    set_status(post, "in_review", app_now(), by=ana)
    for body, on_item, resolve, read in comments_made:
        try:
            comment, _ = comments.add_comment(post if on_item else idea, ana, body, app_now())
        except CommentError:
            continue
        if resolve:
            comments.set_resolved(comment, owner, True, app_now())
        if read:
            inbox.mark_all_read(owner, app_now())
    set_status(post, "draft", app_now(), by=owner, note="Shorter @ana")
    document = backup.export_backup()
    assert document["tables"]["inbox_entry"] and document["tables"]["comment"]
    assert restored(document) == document
    assert "Shorter @ana" not in backup.dumps(plan_export.export_plan())  # not plan data


@pytest.mark.parametrize(
    ("table", "change", "problem"),
    [
        ("comment", {"body": "x" * 10_001}, "comment[0].body: A comment has at most 10,000"),
        ("comment", {"body": " padded "}, "comment[0].body: must not start or end"),
        ("comment", {"kind": "shout"}, "comment[0].kind: must be one of comment"),
        ("comment", {"idea_id": 1}, "comment[0].item_id: give exactly one"),
        ("comment", {"author_id": 999}, "comment[0].author_id: 999 is not the id of a user"),
        ("inbox_entry", {"kind": "spam"}, "inbox_entry[0].kind: must be one of mention"),
        ("inbox_entry", {"item_id": None}, "inbox_entry[0].item_id: give exactly one"),
        ("inbox_entry", {"comment_id": 999}, "inbox_entry[0].comment_id: 999 is not the id"),
    ],
)
def test_a_restore_refuses_a_comment_or_inbox_entry_the_app_would_not_make(
    app, table, change, problem
) -> None:
    owner, ana, post, _ = team_and_targets()
    comments.add_comment(post, owner, "Look, @ana", app_now())
    document = backup.export_backup()
    assert backup.check_backup(backup.dumps(document))["inbox_entry"] == 1  # as it was: fine
    document["tables"][table][0].update(change)
    with pytest.raises(BackupError) as refused:
        backup.check_backup(backup.dumps(document))
    assert any(problem in line for line in refused.value.problems), refused.value.problems
