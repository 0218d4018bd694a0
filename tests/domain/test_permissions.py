"""The role matrix: who may change what (pure domain code)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain import permissions as p
from calendar_app.domain.workflow import ROLES, may_approve, may_write


def test_the_owner_may_everything() -> None:
    assert all(p.may("owner", action) for action in p.ACTIONS)


@pytest.mark.parametrize("action", [p.TEAM, p.SHARES, p.BACKUPS, p.SETUP, p.APPROVALS, p.WEBHOOKS])
def test_an_editor_may_not_touch_the_owners_areas(action: str) -> None:
    assert not p.may("editor", action)
    assert p.may("owner", action)


@pytest.mark.parametrize(
    "action", [p.POSTS, p.CHANNELS, p.CAMPAIGNS, p.RESULTS, p.SETTINGS, p.FEED, p.ACCOUNT]
)
def test_an_editor_changes_the_calendar_itself(action: str) -> None:
    assert p.may("editor", action)


@pytest.mark.parametrize("action", [p.POSTS, p.FEED, p.ACCOUNT])
def test_a_contributor_writes_posts(action: str) -> None:
    assert p.may("contributor", action)


@pytest.mark.parametrize(
    "action",
    [
        p.CHANNELS,
        p.CAMPAIGNS,
        p.RESULTS,
        p.SETTINGS,
        p.TEAM,
        p.SHARES,
        p.BACKUPS,
        p.SETUP,
        p.APPROVALS,
    ],  # fmt: skip
)
def test_a_contributor_does_not_change_the_plan_around_the_posts(action: str) -> None:
    assert not p.may("contributor", action)


def test_a_viewer_only_looks_after_their_own_login_and_feed() -> None:
    assert [a for a in p.ACTIONS if p.may("viewer", a)] == [p.ACCOUNT, p.FEED]


@given(st.sampled_from(ROLES), st.sampled_from(p.ACTIONS), st.sampled_from(ROLES))
def test_a_higher_role_may_everything_a_lower_one_may(role: str, action: str, other: str) -> None:
    rank = {role: len(ROLES) - i for i, role in enumerate(ROLES)}
    if rank[role] >= rank[other] and p.may(other, action):
        assert p.may(role, action)


@given(st.sampled_from(ROLES))
def test_the_matrix_agrees_with_the_workflow(role: str) -> None:
    """Whoever may write posts may write in the workflow; only those who approve edit
    channels."""
    assert p.may(role, p.POSTS) == may_write(role)
    assert p.may(role, p.CHANNELS) == may_approve(role)


@given(st.text(max_size=12), st.text(max_size=12))
def test_an_unknown_role_or_action_may_nothing(role: str, action: str) -> None:
    if role not in ROLES or action not in p.ACTIONS:
        assert not p.may(role, action)


@pytest.mark.parametrize(
    ("role", "words"),
    [
        ("owner", "everything"),
        ("editor", "You are an editor"),
        ("contributor", "You are a contributor"),
        ("viewer", "You are a viewer"),
        ("stranger", "You are a viewer"),
    ],  # fmt: skip
)
def test_each_role_is_told_what_it_may_do(role: str, words: str) -> None:
    assert words in p.scope_of(role)
