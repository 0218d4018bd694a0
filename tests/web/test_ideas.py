"""Brainstorming on the Ideas page through the test client."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, insert, select

from calendar_app.clock import now as app_now
from calendar_app.extensions import db
from calendar_app.models import Idea, ScheduleItem, Workspace
from calendar_app.services import planner
from idea_bank import headline_key, score_headline
from tests.factories import make_campaign, make_channel, make_idea, make_rule
from tests.queries import count_queries


def ideas() -> list[Idea]:
    return list(db.session.scalars(select(Idea).order_by(Idea.id)))


def flashes(response) -> str:
    return response.get_data(as_text=True)


def listed(response) -> list[str]:
    """The headlines the Ideas page lists, in order."""
    return re.findall(r'<div class="headline">([^<]*)</div>', response.get_data(as_text=True))


@pytest.fixture
def planned(logged_in):
    """A LinkedIn channel with a post every Mon, Wed and Fri, planned ahead from now."""
    make_rule(make_channel("linkedin", name="LinkedIn"))
    planner.keep_planned_ahead(app_now())
    return logged_in


def test_quick_add_stores_the_headline_with_its_score_and_author(logged_in) -> None:
    response = logged_in.post(
        "/ideas/add", data={"headline": "  7 proven ways   to ride in winter "}
    )
    assert response.status_code == 302
    (idea,) = ideas()
    assert idea.headline == "7 proven ways to ride in winter"
    assert idea.score == score_headline(idea.headline).score > 0
    assert idea.author.email == "owner@example.com"
    assert idea.status == "backlog" and idea.headline_key == headline_key(idea.headline)
    page = logged_in.get("/ideas/").get_data(as_text=True)
    assert "7 proven ways to ride in winter" in page


@pytest.mark.parametrize(
    ("headline", "message"),
    [
        ("", "Write a headline first."),
        ("   ", "Write a headline first."),
        ("x" * 201, "Keep headlines to 200 characters (this one has 201)."),
    ],
)
def test_quick_add_refuses_bad_input_with_a_clear_message(logged_in, headline, message) -> None:
    response = logged_in.post("/ideas/add", data={"headline": headline}, follow_redirects=True)
    assert message in flashes(response)
    assert ideas() == []


def test_an_exact_duplicate_is_refused_and_a_near_duplicate_is_flagged(logged_in) -> None:
    logged_in.post("/ideas/add", data={"headline": "5 myths about e-bike batteries, busted"})
    same = logged_in.post(
        "/ideas/add",
        data={"headline": "5 Myths About E-Bike Batteries Busted!"},
        follow_redirects=True,
    )
    assert "Already in the bank: “5 myths about e-bike batteries, busted”." in flashes(same)
    close = logged_in.post(
        "/ideas/add",
        data={"headline": "5 myths about e-bike batteries busted again"},
        follow_redirects=True,
    )
    assert "Very close to “5 myths about e-bike batteries, busted”" in flashes(close)
    assert len(ideas()) == 2


def test_bulk_paste_adds_one_per_line_and_skips_duplicates(logged_in) -> None:
    logged_in.post("/ideas/add", data={"headline": "Winter cycling for beginners"})
    text = (
        "How to fix a flat tyre\n\n  Winter cycling for beginners \n"
        "E-bike or bike? The pros and cons\nhow to fix a flat tyre!"
    )
    response = logged_in.post("/ideas/bulk", data={"lines": text}, follow_redirects=True)
    page = flashes(response)
    assert "Added 2 headlines." in page and "Skipped 2 already in the bank" in page
    assert [i.headline for i in ideas()] == [
        "Winter cycling for beginners",
        "How to fix a flat tyre",
        "E-bike or bike? The pros and cons",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Paste at least one headline"),
        ("\n \n", "Paste at least one headline"),
        (
            "Fine headline\n" + "y" * 250,
            "Line 2 has 250 characters; keep headlines to 200. Nothing was added.",
        ),
    ],
)
def test_a_bad_bulk_paste_changes_nothing(logged_in, text, message) -> None:
    response = logged_in.post("/ideas/bulk", data={"lines": text}, follow_redirects=True)
    assert message in flashes(response)
    assert ideas() == []


def test_assigning_puts_the_idea_in_the_next_free_slot_and_touches_it(planned) -> None:
    planned.post("/ideas/add", data={"headline": "How to fix a flat tyre in 12 minutes"})
    (idea,) = ideas()
    first_free = db.session.scalars(
        select(ScheduleItem)
        .where(ScheduleItem.starts_at > app_now())
        .order_by(ScheduleItem.starts_at)
    ).first()
    response = planned.post(
        f"/ideas/{idea.id}/assign",
        data={"channel_id": first_free.channel_id},
        follow_redirects=True,
    )
    assert "Planned on LinkedIn" in flashes(response)
    assert first_free.idea is idea and first_free.touched and first_free.sequence == 1
    assert idea.status == "planned"
    second = make_idea("Another one")
    planned.post(f"/ideas/{second.id}/assign", data={"channel_id": first_free.channel_id})
    assert second.items[0].starts_at > first_free.starts_at
    week = planned.get(f"/week?start={first_free.starts_at.date().isoformat()}").get_data(
        as_text=True
    )
    assert "How to fix a flat tyre in 12 minutes" in week


def test_unassigning_opens_the_slot_again(planned) -> None:
    planned.post("/ideas/add", data={"headline": "How to fix a flat tyre in 12 minutes"})
    (idea,) = ideas()
    planned.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    slot = idea.items[0]
    planned.post(f"/ideas/{idea.id}/unassign/{slot.id}")
    assert slot.idea is None and slot.touched and slot.sequence == 2
    assert idea.status == "backlog"


def test_assigning_with_no_free_slot_or_channel_says_so(logged_in) -> None:
    channel = make_channel()
    logged_in.post("/ideas/add", data={"headline": "A headline"})
    (idea,) = ideas()
    page = flashes(
        logged_in.post(
            f"/ideas/{idea.id}/assign", data={"channel_id": channel.id}, follow_redirects=True
        )
    )
    assert "has no free post or video slot" in page
    page = flashes(
        logged_in.post(
            f"/ideas/{idea.id}/assign", data={"channel_id": "abc"}, follow_redirects=True
        )
    )
    assert "Choose a channel." in page
    assert idea.status == "backlog"


def test_archive_and_restore(planned) -> None:
    planned.post("/ideas/add", data={"headline": "Old idea"})
    (idea,) = ideas()
    planned.post(f"/ideas/{idea.id}/status", data={"status": "archived"})
    assert idea.status == "archived"
    assert listed(planned.get("/ideas/")) == []
    assert listed(planned.get("/ideas/?status=archived")) == ["Old idea"]
    planned.post(f"/ideas/{idea.id}/status", data={"status": "backlog"})
    planned.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    refused = planned.post(
        f"/ideas/{idea.id}/status", data={"status": "archived"}, follow_redirects=True
    )
    assert "unassign it before archiving" in flashes(refused)
    assert idea.status == "planned"


def test_edit_in_place_validates_and_raises_the_slot_sequence(planned) -> None:
    planned.post("/ideas/add", data={"headline": "Draft"})
    (idea,) = ideas()
    planned.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    winter = make_campaign("Winter")
    planned.post(
        f"/ideas/{idea.id}/edit",
        data={
            "headline": "Final headline",
            "purpose": "inspire",
            "target_url": "https://acme.example/x",
            "campaign_id": str(winter.id),
            "notes": "Two\nlines",
        },
    )
    assert (idea.headline, idea.purpose, idea.campaign, idea.notes) == (
        "Final headline",
        "inspire",
        winter,
        "Two\nlines",
    )
    assert idea.items[0].sequence == 2
    bad = planned.post(
        f"/ideas/{idea.id}/edit",
        data={"headline": "Final headline", "target_url": "javascript:alert(1)"},
        follow_redirects=True,
    )
    assert "Only absolute http:// or https:// addresses are accepted." in flashes(bad)
    assert idea.target_url == "https://acme.example/x"


def test_filters_and_sorting(logged_in) -> None:
    db.session.add_all(
        [
            Idea(headline="Bikes", purpose="inform", template_key="news"),
            Idea(
                headline="7 proven ways to ride through winter",
                purpose="educate",
                template_key="how-to",
            ),
            Idea(
                headline="Case study: a courier that never stops",
                purpose="promote",
                template_key="case-studies",
            ),
        ]
    )
    db.session.commit()
    assert listed(logged_in.get("/ideas/?sort=score")) == [
        "7 proven ways to ride through winter",
        "Case study: a courier that never stops",
        "Bikes",
    ]
    assert listed(logged_in.get("/ideas/?sort=oldest"))[0] == "Bikes"
    assert listed(logged_in.get("/ideas/?purpose=promote")) == [
        "Case study: a courier that never stops"
    ]
    assert listed(logged_in.get("/ideas/?template=news&sort=nonsense&status=whatever")) == ["Bikes"]


def test_generate_more_never_repeats_the_bank(logged_in, runner) -> None:
    from calendar_app.services.planner import get_workspace

    workspace = get_workspace()
    workspace.topics, workspace.industry, workspace.audience = (
        ["e-bikes"],
        "bicycle repair",
        "commuters",
    )
    db.session.commit()
    assert runner.invoke(args=["ideas", "seed"]).exit_code == 0
    logged_in.post("/ideas/generate")
    logged_in.post("/ideas/generate")
    keys = [i.headline_key for i in ideas()]
    assert len(keys) == 50 and len(set(keys)) == 50
    assert all(i.template_key and i.purpose for i in ideas())


def test_the_live_check_scores_and_warns(logged_in) -> None:
    logged_in.post("/ideas/add", data={"headline": "Winter cycling for beginners"})
    result = logged_in.get("/ideas/check?text=Winter%20cycling%20for%20beginners!").get_json()
    assert result["score"] == score_headline("Winter cycling for beginners!").score
    assert result["type"] == "guide"
    assert result["similar"] == [{"headline": "Winter cycling for beginners", "ratio": 1.0}]
    assert logged_in.get("/ideas/check?text=").get_json()["score"] == 0


def test_the_week_and_the_ideas_page_show_the_content_mix_and_warn_about_promotion(planned) -> None:
    for n, purpose in enumerate(["promote", "promote", "educate"]):
        idea = make_idea(f"Idea {n}", purpose=purpose)
        planned.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    page = flashes(planned.get("/ideas/"))
    assert "Promotion is more than a quarter" in page
    slot = db.session.scalars(select(ScheduleItem).where(ScheduleItem.idea_id.is_not(None))).first()
    week = flashes(planned.get(f"/week?start={slot.starts_at.date().isoformat()}"))
    assert "Content mix:" in week


def add_ideas(n: int, start: int) -> None:
    rows = [
        {
            "headline": f"Idea number {i}",
            "headline_key": f"idea number {i}",
            "score": i % 100,
            "status": "backlog",
            "notes": "",
            "target_url": "",
            "campaign": "",
            "created_at": app_now(),
            "updated_at": app_now(),
        }
        for i in range(start, start + n)
    ]
    db.session.execute(insert(Idea), rows)
    db.session.commit()


def test_the_ideas_page_runs_the_same_number_of_queries_for_10_or_1000_ideas(planned) -> None:
    add_ideas(10, 0)
    for idea in ideas()[:3]:
        planned.post(f"/ideas/{idea.id}/assign", data={"channel_id": 1})
    small = count_queries(planned, "/ideas/?sort=score")
    add_ideas(990, 10)
    large = count_queries(planned, "/ideas/?sort=score")
    assert small == large
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 1000
    page = flashes(planned.get("/ideas/?sort=score&page=2"))
    assert "Page 2 of 20" in page


def first_open_slot() -> ScheduleItem:
    return db.session.scalars(
        select(ScheduleItem)
        .where(ScheduleItem.starts_at > app_now())
        .order_by(ScheduleItem.starts_at)
    ).first()


def test_an_open_slot_offers_the_bank_best_score_first(planned) -> None:
    for headline in ("Bikes", "7 proven ways to keep your e-bike battery alive this winter"):
        planned.post("/ideas/add", data={"headline": headline})
    slot = first_open_slot()
    week = planned.get(f"/week?start={slot.starts_at.date().isoformat()}").get_data(as_text=True)
    assert f'href="/items/{slot.id}#headline">Open slot: pick a headline</a>' in week
    page = planned.get(f"/items/{slot.id}").get_data(as_text=True)
    assert "This slot is open: it needs a headline." in page
    options = re.findall(r'<option value="\d+">(\d+) · ([^<]*)</option>', page)
    assert [headline for _, headline in options] == [
        "7 proven ways to keep your e-bike battery alive this winter",
        "Bikes",
    ]


def test_picking_a_headline_for_one_slot_fills_that_slot(planned) -> None:
    planned.post("/ideas/add", data={"headline": "How to fix a flat tyre in 12 minutes"})
    (idea,) = ideas()
    later = db.session.scalars(
        select(ScheduleItem).order_by(ScheduleItem.starts_at).offset(4)
    ).first()
    response = planned.post(
        f"/items/{later.id}/headline", data={"idea_id": idea.id}, follow_redirects=True
    )
    assert "is planned in this slot." in flashes(response)
    assert later.idea is idea and later.touched and later.sequence == 1
    assert idea.status == "planned"
    assert first_open_slot().idea is None


def test_replacing_a_headline_sends_the_old_one_back_to_the_bank(planned) -> None:
    for headline in ("First headline", "Second headline"):
        planned.post("/ideas/add", data={"headline": headline})
    first, second = ideas()
    slot = first_open_slot()
    planned.post(f"/items/{slot.id}/headline", data={"idea_id": first.id})
    planned.post(f"/items/{slot.id}/headline", data={"idea_id": second.id})
    assert slot.idea is second and slot.sequence == 2
    assert (first.status, second.status) == ("backlog", "planned")
    planned.post(f"/items/{slot.id}/headline/remove")
    assert slot.idea is None and second.status == "backlog" and slot.sequence == 3


def test_a_new_headline_written_for_a_slot_goes_into_the_bank_and_the_slot(planned) -> None:
    slot = first_open_slot()
    response = planned.post(
        f"/items/{slot.id}/headline",
        data={"headline": "  Winter cycling   for beginners "},
        follow_redirects=True,
    )
    assert "“Winter cycling for beginners” is planned in this slot." in flashes(response)
    (idea,) = ideas()
    assert slot.idea is idea and idea.author.email == "owner@example.com"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a headline from the bank, or write a new one."),
        ({"idea_id": "999"}, "Choose a headline from the bank, or write a new one."),
        ({"headline": "x" * 201}, "Keep headlines to 200 characters (this one has 201)."),
        ({"headline": "Old favourite"}, "Already in the bank: “Old favourite”."),
    ],
)
def test_a_headline_that_cannot_go_in_a_slot_changes_nothing(planned, data, message) -> None:
    make_idea("Old favourite", status="archived")
    slot = first_open_slot()
    response = planned.post(f"/items/{slot.id}/headline", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert message in flashes(response)
    assert slot.idea is None and not slot.touched and slot.sequence == 0
    assert len(ideas()) == 1


def test_archived_headlines_and_reply_blocks_are_refused(planned) -> None:
    archived = make_idea("Old favourite", status="archived")
    slot = first_open_slot()
    response = planned.post(
        f"/items/{slot.id}/headline", data={"idea_id": archived.id}, follow_redirects=True
    )
    assert "Restore this headline before planning it." in flashes(response)
    reply = make_rule(slot.channel, activity="reply", rrule="FREQ=DAILY", duration_minutes=30)
    planner.replan([reply], db.session.scalar(select(Workspace)), app_now())
    db.session.commit()
    block = db.session.scalars(select(ScheduleItem).where(ScheduleItem.rule_id == reply.id)).first()
    response = planned.post(
        f"/items/{block.id}/headline", data={"headline": "A reply headline"}, follow_redirects=True
    )
    assert "Only post and video slots take a headline." in flashes(response)
    assert block.idea is None and len(ideas()) == 1
    assert 'id="headline"' not in planned.get(f"/items/{block.id}").get_data(as_text=True)


def test_the_slot_page_runs_the_same_number_of_queries_for_few_or_many_ideas(planned) -> None:
    slot = first_open_slot()
    planned.post("/ideas/add", data={"headline": "One headline"})
    few = count_queries(planned, f"/items/{slot.id}")
    db.session.execute(
        insert(Idea),
        [
            {"headline": f"Idea number {n}", "headline_key": f"idea number {n}", "score": n % 90}
            for n in range(400)
        ],
    )
    db.session.commit()
    page = planned.get(f"/items/{slot.id}").get_data(as_text=True)
    bank = page.split('<select name="idea_id"', 1)[1].split("</select>", 1)[0]
    assert bank.count("<option value=") == 300  # the best 300 of the bank
    assert count_queries(planned, f"/items/{slot.id}") == few


def test_a_bulk_paste_drops_control_characters_like_quick_add(logged_in) -> None:
    logged_in.post("/ideas/bulk", data={"lines": "Ten\x07 bike\x7f myths\x1b\nWinter\x01 tyres"})
    assert sorted(i.headline for i in ideas()) == ["Ten bike myths", "Winter tyres"]


@pytest.mark.parametrize(
    "target", ["/ideas/?page=2\r\nX-Evil: 1", "/ideas/\\evil.example", "//evil.example/ideas"]
)
def test_a_return_address_that_is_not_a_plain_path_of_ours_goes_back_to_the_list(
    logged_in, target: str
) -> None:
    response = logged_in.post("/ideas/add", query_string={"next": target}, data={"headline": "A"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/ideas/"
    assert [i.headline for i in ideas()] == ["A"]


def test_a_return_address_on_the_ideas_list_keeps_its_filters(logged_in) -> None:
    response = logged_in.post(
        "/ideas/add", query_string={"next": "/ideas/?status=all&page=2"}, data={"headline": "B"}
    )
    assert response.headers["Location"] == "/ideas/?status=all&page=2"
