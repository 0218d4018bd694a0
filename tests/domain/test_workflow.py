"""Statuses, roles and approval: who may move an item where (pure domain code)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.activities import ACTIVITIES
from calendar_app.domain.ical import STATUS_BY_ITEM
from calendar_app.domain.workflow import (
    FEED_STATUS,
    ITEM_STATUSES,
    POST_STATUSES,
    ROLES,
    STATUS_MARKS,
    TASK_STATUSES,
    RoleRefusal,
    Step,
    WorkflowError,
    check_transition,
    edit_returns_to_review,
    first_status,
    next_steps,
    role_from_before,
    status_before,
    status_from_before,
    statuses_for,
    word_diff,
)


def allowed(activity: str, current: str, target: str, role: str, required: bool) -> bool:
    try:
        check_transition(activity, current, target, role, required)
    except WorkflowError:
        return False
    return True


def expected(activity: str, current: str, target: str, role: str, required: bool) -> bool:
    """The rule table written out the long way, to check the code against."""
    if role == "viewer" or target not in statuses_for(activity):
        return False
    if target == current or role in ("owner", "editor") or activity not in ("post", "video"):
        return True
    if target == "approved":
        return False
    if target in ("scheduled", "published") and required:
        return current in ("approved", "scheduled", "published")
    return True


@pytest.mark.parametrize("activity", ACTIVITIES)
def test_every_transition_for_every_role_follows_the_rule_table(activity) -> None:
    statuses = (*ITEM_STATUSES, "lost")
    for current, target, role, required in itertools.product(
        statuses_for(activity), statuses, ROLES, (False, True)
    ):
        assert allowed(activity, current, target, role, required) == expected(
            activity, current, target, role, required
        ), (activity, current, target, role, required)


def test_a_contributor_cannot_approve_and_an_editor_or_the_owner_can() -> None:
    with pytest.raises(RoleRefusal, match="Only an editor or the owner can approve"):
        check_transition("post", "in_review", "approved", "contributor", False)
    check_transition("post", "in_review", "approved", "editor", False)
    check_transition("post", "in_review", "approved", "owner", True)


@pytest.mark.parametrize("target", ["scheduled", "published"])
def test_on_an_approval_channel_a_contributor_schedules_only_an_approved_post(target) -> None:
    for current in ("draft", "in_review"):
        with pytest.raises(WorkflowError, match="requires approval") as refused:
            check_transition("post", current, target, "contributor", True)
        # The role may, once the post is approved: not a refusal of the role.
        assert not isinstance(refused.value, RoleRefusal)
    check_transition("post", "approved", target, "contributor", True)
    # Without approval required, or for an editor, nothing waits.
    check_transition("post", "draft", target, "contributor", False)
    check_transition("video", "draft", target, "editor", True)


def test_a_viewer_changes_nothing_and_unknown_statuses_are_named() -> None:
    with pytest.raises(RoleRefusal, match="Viewers can read"):
        check_transition("post", "draft", "draft", "viewer", False)
    with pytest.raises(WorkflowError, match="Unknown status 'done'"):
        check_transition("post", "draft", "done", "owner", False)
    with pytest.raises(WorkflowError, match="Unknown status 'approved'"):
        check_transition("reply", "todo", "approved", "owner", False)


def test_posts_and_tasks_have_their_own_statuses_and_first_status() -> None:
    assert statuses_for("post") == statuses_for("video") == POST_STATUSES
    for activity in ("reply", "listening", "routine"):
        assert statuses_for(activity) == TASK_STATUSES and first_status(activity) == "todo"
    assert first_status("post") == "draft"


def test_every_status_has_a_sign_a_word_and_a_feed_status() -> None:
    assert set(STATUS_MARKS) == set(ITEM_STATUSES) == set(FEED_STATUS)
    assert len({sign for sign, _ in STATUS_MARKS.values()}) == len(ITEM_STATUSES)
    assert STATUS_BY_ITEM is FEED_STATUS
    assert {s for s, f in FEED_STATUS.items() if f == "TENTATIVE"} == {"draft", "in_review"}
    assert FEED_STATUS["skipped"] == "CANCELLED"
    assert all(FEED_STATUS[s] == "CONFIRMED" for s in ("approved", "scheduled", "done", "todo"))


@pytest.mark.parametrize(
    ("activity", "status", "role", "steps"),
    [
        ("post", "draft", "contributor", [("in_review", "Send for review")]),
        ("post", "draft", "editor", [("approved", "Approve")]),
        ("post", "in_review", "owner", [("approved", "Approve"), ("draft", "Ask for changes")]),
        ("post", "in_review", "contributor", []),
        ("video", "approved", "contributor", [("scheduled", "Mark scheduled")]),
        ("post", "scheduled", "editor", [("published", "Mark published")]),
        ("post", "published", "editor", []),
        ("post", "skipped", "editor", [("draft", "Plan again")]),
        ("reply", "todo", "contributor", [("done", "Mark done")]),
        ("routine", "skipped", "owner", [("todo", "Plan again")]),
        ("post", "draft", "viewer", []),
        ("reply", "todo", "viewer", []),
    ],
)
def test_the_one_click_next_steps_depend_on_status_and_role(activity, status, role, steps) -> None:
    assert next_steps(activity, status, role) == tuple(Step(s, w) for s, w in steps)


@given(st.sampled_from(ACTIVITIES), st.sampled_from(ITEM_STATUSES), st.sampled_from(ROLES))
def test_every_next_step_offered_is_a_move_the_role_may_make(activity, status, role) -> None:
    if status not in statuses_for(activity):
        return
    for step in next_steps(activity, status, role):
        for required in (False, True):
            check_transition(activity, status, step.status, role, required)


@pytest.mark.parametrize(
    ("status", "role", "required", "back"),
    [
        ("approved", "contributor", True, True),
        ("scheduled", "contributor", True, True),
        ("approved", "editor", True, False),  # an editor's own edit keeps the approval
        ("approved", "owner", True, False),
        ("approved", "contributor", False, False),  # nothing to wait for on this channel
        ("draft", "contributor", True, False),
        ("in_review", "contributor", True, False),
        ("published", "contributor", True, False),  # it went out as it was
    ],
)
def test_an_edit_after_approval_goes_back_to_review_only_for_a_contributor(
    status, role, required, back
) -> None:
    assert edit_returns_to_review(status, role, required) is back


def test_the_word_diff_names_what_was_removed_and_added() -> None:
    changes = word_diff("Winter tyres explained\n\nShort notes", "Winter tyres  explained well")
    assert [(c.kind, c.words) for c in changes] == [
        ("same", "Winter tyres explained"),
        ("removed", "Short notes"),
        ("added", "well"),
    ]
    assert word_diff("", "") == []
    assert [c.kind for c in word_diff("a  b", "a\nb")] == ["same"]  # spacing is no change


words = st.lists(st.sampled_from(["tyres", "winter", "bike", "ride", "é", "5"]), max_size=12)


@given(words, words)
def test_the_word_diff_rebuilds_both_texts(before, after) -> None:
    changes = word_diff(" ".join(before), " ".join(after))
    old = [w for c in changes if c.kind != "added" for w in c.words.split()]
    new = [w for c in changes if c.kind != "removed" for w in c.words.split()]
    assert (old, new) == (before, after)
    assert all(c.words for c in changes)


@pytest.mark.parametrize(
    ("activity", "old", "new"),
    [
        ("post", "planned", "draft"),
        ("post", "ready", "approved"),
        ("video", "published", "published"),
        ("post", "skipped", "skipped"),
        ("reply", "planned", "todo"),
        ("listening", "ready", "done"),
        ("routine", "published", "done"),
        ("routine", "skipped", "skipped"),
        ("post", "in_review", "in_review"),  # already a workflow status: stays
    ],
)
def test_statuses_from_before_the_workflow_map_like_the_migration(activity, old, new) -> None:
    assert status_from_before(activity, old) == new


@given(st.sampled_from(ACTIVITIES), st.sampled_from(("planned", "ready", "published", "skipped")))
def test_going_back_and_forth_keeps_a_status_from_before_the_workflow(activity, old) -> None:
    new = status_from_before(activity, old)
    assert new in statuses_for(activity)
    back = status_before(activity, new)
    assert back in ("planned", "ready", "published", "skipped")
    assert status_from_before(activity, back) == new


def test_roles_from_before_keep_the_owner_and_let_everyone_else_edit() -> None:
    assert (role_from_before(True), role_from_before(False)) == ("owner", "editor")
