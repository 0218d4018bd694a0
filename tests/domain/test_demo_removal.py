"""Which demo items people worked on, and the message removing the demo shows."""

from __future__ import annotations

from dataclasses import fields, replace

from hypothesis import given
from hypothesis import strategies as st

from calendar_app.domain.demo_removal import DemoRemoval, ItemWork, worked_on


def test_an_item_nobody_worked_on_may_go() -> None:
    assert not worked_on(ItemWork())
    assert not worked_on(ItemWork(notes="  \n "))  # blank notes are no work


def test_any_one_kind_of_work_keeps_the_item() -> None:
    for field in fields(ItemWork):
        value = "Call the shop" if field.name == "notes" else True
        assert worked_on(replace(ItemWork(), **{field.name: value})), field.name


@given(
    st.builds(
        ItemWork,
        touched=st.booleans(),
        headline=st.booleans(),
        minutes_logged=st.booleans(),
        results=st.booleans(),
        notes=st.text(max_size=5),
        evergreen=st.booleans(),
        rerun=st.booleans(),
    )
)
def test_worked_on_means_some_work_was_done(work: ItemWork) -> None:
    flags = [getattr(work, f.name) for f in fields(ItemWork) if f.name != "notes"]
    assert worked_on(work) is (any(flags) or bool(work.notes.strip()))


def test_the_message_counts_what_went() -> None:
    removal = DemoRemoval(channels=4, rules=9, items=212, ideas=30)
    assert removal.message() == "Removed the demo: 4 channels, 9 rules, 212 items, 30 ideas."


def test_the_message_speaks_of_one_in_the_singular_and_names_campaigns() -> None:
    removal = DemoRemoval(channels=1, rules=1, items=1, ideas=1, campaigns=1)
    assert removal.message() == "Removed the demo: 1 channel, 1 rule, 1 item, 1 idea, 1 campaign."


def test_the_message_says_what_was_kept_and_why() -> None:
    removal = DemoRemoval(
        channels=4, rules=9, items=212, ideas=30, kept_items=2, kept_channels=["LinkedIn"]
    )
    assert removal.message() == (
        "Removed the demo: 4 channels, 9 rules, 212 items, 30 ideas. "
        "Kept 2 items you worked on and the channel LinkedIn, which still holds your work."
    )


def test_the_message_lists_several_kept_rows() -> None:
    removal = DemoRemoval(
        kept_items=1,
        kept_ideas=2,
        kept_campaigns=["Winter riding"],
        kept_channels=["Blog", "YouTube", "X"],
    )
    assert removal.message().endswith(
        "Kept 1 item you worked on, 2 headlines they use, the campaign Winter riding, which "
        "your work uses and the channels Blog, YouTube and X, which still hold your work."
    )
