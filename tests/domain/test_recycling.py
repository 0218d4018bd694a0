"""Evergreen recycling: which post may run again in which open slot, and which comes first."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_app.domain.recycling import (
    Candidate,
    OpenSlot,
    PastResults,
    RecyclingError,
    Run,
    check_settings,
    fits,
    posts_for,
    propose,
    ranked,
    refusal,
    slots_for,
)

BLOG, LINKEDIN = 1, 2
MONDAY = date(2026, 11, 23)


def post(item_id: int, *days: date, channel: int = BLOG, **fields) -> Candidate:
    """An evergreen post on ``channel`` that ran on ``days`` (the original first)."""
    return Candidate(item_id, channel, "post", tuple(Run(d, channel) for d in days), **fields)


def slot(item_id: int, day: date, channel: int = BLOG, activity: str = "post") -> OpenSlot:
    return OpenSlot(item_id, channel, activity, day)


def results(visits: int, leads: int = 0, revenue: str = "0", runs: int = 1) -> PastResults:
    return PastResults(visits, leads, Decimal(revenue), runs)


# Settings.


@pytest.mark.parametrize(("cooldown", "max_runs"), [(1, None), (90, 3), (3650, 1), (7, 100)])
def test_cooldowns_of_a_day_to_ten_years_and_one_to_100_reruns_are_accepted(cooldown, max_runs):
    check_settings(cooldown, max_runs)


@pytest.mark.parametrize(
    ("cooldown", "max_runs", "field", "message"),
    [
        (0, 3, "cooldown_days", "Give a cool-down from 1 to 3650 days."),
        (-5, 3, "cooldown_days", "Give a cool-down from 1 to 3650 days."),
        (3651, 3, "cooldown_days", "Give a cool-down from 1 to 3650 days."),
        (90, 0, "max_runs", "Let it run again from 1 to 100 times, or leave it blank."),
        (90, 101, "max_runs", "Let it run again from 1 to 100 times, or leave it blank."),
    ],
)
def test_a_cooldown_or_a_most_out_of_range_is_refused_naming_it(cooldown, max_runs, field, message):
    with pytest.raises(RecyclingError) as refused:
        check_settings(cooldown, max_runs)
    assert (refused.value.field, refused.value.message) == (field, message)


# One post, one slot.


def test_a_post_may_run_again_once_its_cooldown_has_passed_and_not_a_day_before() -> None:
    evergreen = post(7, date(2026, 9, 1), cooldown_days=90)  # free from 30 Nov 2026
    assert refusal(evergreen, slot(1, date(2026, 11, 30))) is None
    assert refusal(evergreen, slot(1, date(2026, 11, 29))) == (
        "Its cool-down of 90 days after its run on Tue 1 Sep 2026 lasts until Mon 30 Nov 2026."
    )


def test_the_cooldown_counts_from_the_latest_run_planned_or_past() -> None:
    rerun_planned = post(7, date(2026, 6, 1), date(2026, 12, 1), cooldown_days=30)
    assert refusal(rerun_planned, slot(1, date(2026, 12, 30))) is not None
    assert refusal(rerun_planned, slot(1, date(2026, 12, 31))) is None
    # A slot before a planned rerun is not after its latest run either.
    assert "cool-down" in refusal(rerun_planned, slot(1, date(2026, 9, 1)))


def test_only_its_own_channel_and_kind_of_slot() -> None:
    evergreen = post(7, date(2026, 1, 5))
    assert refusal(evergreen, slot(1, MONDAY, channel=BLOG)) is None
    for elsewhere in (slot(1, MONDAY, channel=LINKEDIN), slot(1, MONDAY, activity="video")):
        assert refusal(evergreen, elsewhere) == (
            "It may run again only on its own channel, in a slot of its kind."
        )


def test_it_runs_again_at_most_max_runs_times_the_original_aside() -> None:
    ran_twice = post(7, date(2025, 1, 6), date(2025, 6, 2), date(2026, 1, 5), max_runs=2)
    assert ran_twice.reruns == 2
    assert refusal(ran_twice, slot(1, MONDAY)) == "It has run again 2 times, its most."
    assert refusal(post(7, date(2025, 1, 6), date(2025, 6, 2), max_runs=1), slot(1, MONDAY)) == (
        "It has run again once, its most."
    )
    assert refusal(post(7, date(2025, 1, 6), date(2025, 6, 2), max_runs=3), slot(1, MONDAY)) is None
    no_limit = post(7, *(date(2000 + n, 1, 3) for n in range(20)), max_runs=None)
    assert refusal(no_limit, slot(1, MONDAY)) is None


@pytest.mark.parametrize(
    ("ran", "slot_day", "refused"),
    [
        (date(2026, 11, 23), date(2026, 11, 29), True),  # Monday and Sunday: one ISO week
        (date(2026, 11, 22), date(2026, 11, 23), False),  # Sunday, then Monday: two weeks
        (date(2026, 12, 28), date(2027, 1, 3), True),  # ISO week 53 of 2026 spans the new year
        (date(2027, 1, 3), date(2027, 1, 4), False),
    ],
)
def test_never_twice_in_one_iso_week_on_a_channel_even_with_a_short_cooldown(
    ran, slot_day, refused
) -> None:
    evergreen = post(7, ran, cooldown_days=1)
    answer = refusal(evergreen, slot(1, slot_day))
    assert (answer == "It already runs in that week on this channel.") is refused
    assert refused or answer is None


def test_a_run_in_that_week_on_another_channel_does_not_count() -> None:
    evergreen = Candidate(7, BLOG, "post", (Run(date(2026, 11, 23), LINKEDIN),), cooldown_days=1)
    assert refusal(evergreen, slot(1, date(2026, 11, 25))) is None


# Ranking.


def test_posts_rank_by_visits_per_run_then_leads_then_revenue_those_without_results_last():
    posts = [
        post(1, MONDAY),  # no results yet
        post(2, MONDAY, results=results(300, 1, runs=3)),  # 100 a run: more in all, less a run
        post(3, MONDAY, results=results(150, 1)),
        post(4, MONDAY, results=results(150, 4, "10")),
        post(5, MONDAY, results=results(150, 4, "99.50")),
        post(6, MONDAY, results=results(0, 0, runs=1)),  # came back with nothing
        post(0, MONDAY),
    ]
    assert [p.item_id for p in ranked(posts)] == [5, 4, 3, 2, 6, 0, 1]


# Proposals for many slots.


def test_each_slot_gets_the_best_post_that_may_run_there_and_two_others() -> None:
    posts = [
        post(1, date(2026, 1, 5), results=results(500)),
        post(2, date(2026, 1, 5), results=results(400)),
        post(3, date(2026, 1, 5), results=results(300)),
        post(4, date(2026, 1, 5), results=results(200)),
        post(5, date(2026, 1, 5), channel=LINKEDIN, results=results(9000)),
    ]
    first, second = slot(10, date(2026, 11, 25)), slot(11, date(2026, 11, 27))
    proposals = propose(posts, [second, first])
    assert [(p.slot.item_id, p.post.item_id) for p in proposals] == [(10, 1), (11, 2)]
    assert [a.item_id for a in proposals[0].alternatives] == [2, 3]
    assert [a.item_id for a in proposals[1].alternatives] == [3, 4]  # 1 is in its cool-down


def test_a_proposal_counts_as_a_run_for_the_slots_after_it() -> None:
    evergreen = post(1, date(2026, 6, 1), cooldown_days=7, max_runs=2, results=results(10))
    weekly = [slot(20 + n, MONDAY + timedelta(days=3 * n)) for n in range(8)]
    proposed = [(p.slot.day, p.post.item_id) for p in propose([evergreen], weekly)]
    # Slots every three days: Mon 23 Nov, then the first one 7 days on or later (Wed 2 Dec),
    # then no more: two reruns at most.
    assert proposed == [(date(2026, 11, 23), 1), (date(2026, 12, 2), 1)]


def test_slots_no_post_may_run_in_are_left_out() -> None:
    evergreen = post(1, date(2026, 11, 1), cooldown_days=90)
    assert propose([evergreen], [slot(1, MONDAY), slot(2, MONDAY, channel=LINKEDIN)]) == []
    assert propose([], [slot(1, MONDAY)]) == []


def test_the_slots_one_post_may_run_in_earliest_first() -> None:
    evergreen = post(1, date(2026, 11, 16), cooldown_days=1)
    slots = [slot(n, MONDAY + timedelta(days=n)) for n in range(10, 0, -1)]
    fitting = slots_for(evergreen, [*slots, slot(99, MONDAY, channel=LINKEDIN)], limit=3)
    assert [s.item_id for s in fitting] == [1, 2, 3]
    ran_once = post(1, date(2026, 1, 5), cooldown_days=1, max_runs=1)
    assert len(slots_for(ran_once, slots, limit=3)) == 3
    assert slots_for(ran_once.with_run(Run(date(2026, 6, 1), BLOG)), slots, limit=3) == []


def test_the_best_posts_that_may_run_in_one_slot() -> None:
    posts = [
        post(1, date(2026, 1, 5), results=results(10)),
        post(2, date(2026, 11, 16), results=results(900)),  # in its cool-down
        post(3, date(2026, 1, 5), results=results(20)),
        post(4, date(2026, 1, 5)),
        post(5, date(2026, 1, 5), channel=LINKEDIN, results=results(900)),
    ]
    assert [p.item_id for p in posts_for(slot(1, MONDAY), posts, limit=10)] == [3, 1, 4]
    assert [p.item_id for p in posts_for(slot(1, MONDAY), posts, limit=2)] == [3, 1]


# Properties: whatever the posts and slots, the proposals keep every rule taken together.

days = st.dates(date(2026, 1, 1), date(2027, 6, 30))


@st.composite
def candidates(draw, item_id: int) -> Candidate:
    channel = draw(st.sampled_from([BLOG, LINKEDIN]))
    runs = tuple(Run(d, channel) for d in draw(st.lists(days, min_size=1, max_size=4)))
    return Candidate(
        item_id,
        channel,
        draw(st.sampled_from(["post", "video"])),
        runs,
        cooldown_days=draw(st.integers(1, 60)),
        max_runs=draw(st.none() | st.integers(1, 5)),
        results=PastResults(
            draw(st.integers(0, 500)), draw(st.integers(0, 20)), Decimal(0), draw(st.integers(0, 3))
        ),
    )


posts_and_slots = st.tuples(
    st.integers(0, 8).flatmap(lambda n: st.tuples(*(candidates(i) for i in range(1, n + 1)))),
    st.lists(
        st.builds(
            OpenSlot,
            st.integers(1, 10**6),
            st.sampled_from([BLOG, LINKEDIN]),
            st.sampled_from(["post", "video"]),
            days,
        ),
        max_size=40,
        unique_by=lambda s: s.item_id,
    ),
)


def planned(posts, proposals) -> dict[int, tuple[Candidate, list[Run]]]:
    """Each proposed post with the runs the proposals would add."""
    added: dict[int, list[Run]] = defaultdict(list)
    for proposal in proposals:
        added[proposal.post.item_id].append(Run(proposal.slot.day, proposal.slot.channel_id))
    return {p.item_id: (p, added[p.item_id]) for p in posts if added[p.item_id]}


@settings(max_examples=300, deadline=None)
@given(posts_and_slots)
def test_no_proposal_falls_inside_a_cooldown(drawn) -> None:
    posts, slots = drawn
    for original, new_runs in planned(posts, propose(posts, slots)).values():
        for new in new_runs:
            for other in (*original.runs, *new_runs):
                if other is new:
                    continue
                earlier_real = other in original.runs
                gap = (new.day - other.day).days
                if earlier_real:
                    assert gap >= original.cooldown_days  # after every run it had
                else:
                    assert abs(gap) >= original.cooldown_days


@settings(max_examples=300, deadline=None)
@given(posts_and_slots)
def test_no_post_is_proposed_twice_in_a_week_on_a_channel(drawn) -> None:
    posts, slots = drawn
    for original, new_runs in planned(posts, propose(posts, slots)).values():
        every = [(r.channel_id, *r.day.isocalendar()[:2]) for r in (*original.runs, *new_runs)]
        for new in new_runs:
            assert every.count((new.channel_id, *new.day.isocalendar()[:2])) == 1


@settings(max_examples=300, deadline=None)
@given(posts_and_slots)
def test_no_post_is_proposed_beyond_its_most_nor_off_its_channel(drawn) -> None:
    posts, slots = drawn
    proposals = propose(posts, slots)
    for original, new_runs in planned(posts, proposals).values():
        if original.max_runs is not None:
            assert original.reruns + len(new_runs) <= original.max_runs
    for proposal in proposals:
        for chosen in (proposal.post, *proposal.alternatives):
            assert (chosen.channel_id, chosen.activity) == (
                proposal.slot.channel_id,
                proposal.slot.activity,
            )
    assert len({p.slot.item_id for p in proposals}) == len(proposals)


@settings(max_examples=300, deadline=None)
@given(posts_and_slots)
def test_the_proposed_post_ranks_above_its_alternatives_and_each_fits_its_slot(drawn) -> None:
    posts, slots = drawn
    order = [p.item_id for p in ranked(posts)]
    for proposal in propose(posts, slots):
        chosen = [proposal.post, *proposal.alternatives]
        ids = [c.item_id for c in chosen]
        assert ids == sorted(ids, key=order.index) and len(set(ids)) == len(ids) <= 3
        assert all(refusal(c, proposal.slot) is None for c in chosen)


@settings(max_examples=300, deadline=None)
@given(posts_and_slots)
def test_a_post_fits_a_slot_exactly_when_nothing_refuses_it(drawn) -> None:
    posts, slots = drawn
    for post in posts:
        for open_slot in slots:
            assert fits(post, open_slot) is (refusal(post, open_slot) is None)
