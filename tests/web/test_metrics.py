"""The Awareness and community page: a month typed in or edited, a file imported, the numbers
listed and deleted, errors at the top; goals that count these numbers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from calendar_app.extensions import db
from calendar_app.models import ChannelMetric, Goal
from tests.factories import make_channel

SAMPLES = Path(__file__).parents[2] / "docs" / "samples"


@pytest.fixture
def channels(logged_in):
    return make_channel("linkedin", name="LinkedIn"), make_channel("blog", name="Blog")


def count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(ChannelMetric))


def upload(client, raw: bytes, channel_id: object = "") -> str:
    return client.post(
        "/results/metrics/import",
        data={"upload-file": (io.BytesIO(raw), "metrics.csv"), "upload-channel_id": channel_id},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)


def test_the_results_page_links_to_the_numbers_and_the_page_needs_a_login(logged_in):
    assert 'href="/results/metrics"' in logged_in.get("/results/").get_data(as_text=True)
    anonymous = logged_in.application.test_client()
    assert anonymous.get("/results/metrics").status_code == 302
    assert anonymous.post("/results/metrics", data={}).status_code == 302


def test_a_month_is_typed_in_and_shown_with_unknowns_apart_from_zeros(logged_in, channels):
    linkedin, _blog = channels
    page = logged_in.post(
        "/results/metrics",
        data={"channel_id": linkedin.id, "month": "2026-10", "followers": "1,240", "mentions": "0"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "LinkedIn · 2026-10 saved." in page
    row = page[page.index("<td>2026-10</td>") :].split("</tr>")[0]
    assert "<td>1,240</td>" in row and "<td>0</td>" in row
    assert row.count('title="not known"') == 5
    entry = db.session.scalar(select(ChannelMetric))
    assert (entry.followers, entry.reach, entry.mentions) == (1240, None, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"month": "2026-10", "followers": "-5"}, "Followers: &#39;-5&#39; is negative"),
        ({"month": "2026-10", "reach": "2.5"}, "Reach: &#39;2.5&#39; is not a whole number"),
        ({"month": "2026-12", "reach": "5"}, "2026-12 is in the future (this month is 2026-11)"),
        ({"month": "2026-13", "reach": "5"}, "Month: &#39;2026-13&#39; is not a month like"),
        ({"month": "", "reach": "5"}, "Month: &#39;&#39; is not a month like 2026-11"),
        ({"month": "2026-10", "channel_id": "999"}, "Choose a channel."),
        ({"month": "2026-10", "reach": " "}, "Followers: Fill in at least one number."),
        (
            {
                "month": "2026-10",
                "mentions": "3",
                "positive_mentions": "2",
                "negative_mentions": "2",
            },
            "add up to more than the mentions (3)",
        ),
    ],
)
def test_wrong_numbers_are_named_at_the_top_and_change_nothing(logged_in, channels, data, message):
    linkedin, _blog = channels
    form = {"channel_id": linkedin.id} | data
    answer = logged_in.post("/results/metrics", data=form)
    assert answer.status_code == 200  # the form again, as typed, not a 500
    page = answer.get_data(as_text=True)
    top = page[page.index('role="alert"') : page.index('id="entry"')]
    assert "Nothing was saved:" in top and message in top
    assert count() == 0


def test_every_wrong_field_is_named_at_once(logged_in, channels):
    linkedin, _blog = channels
    page = logged_in.post(
        "/results/metrics",
        data={"channel_id": linkedin.id, "month": "2026-12", "followers": "-1", "reach": "x"},
    ).get_data(as_text=True)
    assert "Followers: &#39;-1&#39;" in page and "Reach: &#39;x&#39;" in page
    assert "Month: 2026-12 is in the future" in page
    assert page.index("Month: 2026-12") < page.index("Followers: &#39;-1") < page.index("Reach: ")
    assert 'value="-1"' in page  # what was typed stays in the form


def test_an_entry_is_edited_in_its_prefilled_form_and_an_emptied_field_becomes_unknown(
    logged_in, channels
):
    linkedin, _blog = channels
    logged_in.post(
        "/results/metrics",
        data={"channel_id": linkedin.id, "month": "2026-10", "followers": "1240", "reach": "9100"},
    )
    entry = db.session.scalar(select(ChannelMetric))
    form = logged_in.get(f"/results/metrics?edit={entry.id}").get_data(as_text=True)
    assert "Edit LinkedIn · 2026-10" in form
    assert 'name="followers" size="8" type="text" value="1240"' in form
    page = logged_in.post(
        f"/results/metrics/{entry.id}",
        data={"followers": "1250", "reach": ""},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "LinkedIn · 2026-10 saved." in page
    db.session.refresh(entry)
    assert (entry.followers, entry.reach) == (1250, None)
    wrong = logged_in.post(f"/results/metrics/{entry.id}", data={"followers": "-3"})
    assert "Followers: &#39;-3&#39; is negative" in wrong.get_data(as_text=True)
    db.session.refresh(entry)
    assert entry.followers == 1250
    assert logged_in.get("/results/metrics?edit=999").status_code == 404
    assert logged_in.post("/results/metrics/999", data={}).status_code == 404


def test_a_new_entry_for_a_stored_month_keeps_what_it_leaves_empty(logged_in, channels):
    linkedin, _blog = channels
    month = {"channel_id": linkedin.id, "month": "2026-10"}
    logged_in.post("/results/metrics", data=month | {"followers": "1240"})
    page = logged_in.post(
        "/results/metrics", data=month | {"mentions": "4"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "the fields left empty kept the numbers it had" in page
    entry = db.session.scalar(select(ChannelMetric))
    assert (entry.followers, entry.mentions) == (1240, 4)


def test_deleting_an_entry_posts_and_forgets_only_it(logged_in, channels):
    linkedin, blog = channels
    logged_in.post(
        "/results/metrics", data={"channel_id": blog.id, "month": "2026-09", "reach": "1"}
    )
    logged_in.post(
        "/results/metrics", data={"channel_id": linkedin.id, "month": "2026-10", "reach": "2"}
    )
    entry = db.session.scalar(select(ChannelMetric).where(ChannelMetric.channel_id == blog.id))
    page = logged_in.get("/results/metrics").get_data(as_text=True)
    assert f'action="/results/metrics/{entry.id}/delete"' in page
    assert logged_in.get(f"/results/metrics/{entry.id}/delete").status_code == 405
    page = logged_in.post(f"/results/metrics/{entry.id}/delete", follow_redirects=True).get_data(
        as_text=True
    )
    assert "The numbers of Blog · 2026-09 were deleted." in page
    assert count() == 1
    assert logged_in.post(f"/results/metrics/{entry.id}/delete").status_code == 404


def test_our_sample_file_is_imported_and_listed_per_channel(logged_in, channels):
    make_channel("instagram", name="Instagram")
    page = upload(logged_in, (SAMPLES / "metrics.csv").read_bytes())
    assert "Metrics file: 4 months stored, 0 replaced." in page
    table = page[page.index('id="numbers"') :]
    assert table.index("Blog") < table.index("Instagram") < table.index("LinkedIn")
    assert "<td>15,800</td>" in table
    again = upload(logged_in, (SAMPLES / "metrics.csv").read_bytes())
    assert "Metrics file: 4 months stored, 4 replaced." in again


def test_a_linkedin_export_is_imported_for_the_channel_chosen(logged_in, channels):
    linkedin, _blog = channels
    raw = (SAMPLES / "linkedin-content.csv").read_bytes()
    refused = upload(logged_in, raw)
    assert "choose the channel it is for" in refused and count() == 0
    page = upload(logged_in, raw, linkedin.id)
    assert "LinkedIn export: 2 months stored, 0 replaced." in page
    november = db.session.scalar(select(ChannelMetric).order_by(ChannelMetric.month.desc()))
    assert (november.impressions, november.reach, november.engagements) == (1950, 1280, 84)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "Choose a CSV file."),  # the browser sends no file at all
        (b"\n", "The file is empty."),
        (b"visits,leads\n1,2\n", "Unknown columns: expected our metrics file"),
        (
            b"channel,month,followers\nlinkedin,2026-10,-4\nblog,2026-10,5\n",
            "line 2, column &#39;followers&#39;: &#39;-4&#39; is negative",
        ),
        (
            b"channel,month,reach\nlinkedin,2026-10,4\nlinkedin,2026-10,5\n",
            "line 3: linkedin 2026-10 is on line 2 too",
        ),
        (b"channel,month,reach\ntiktok,2026-10,4\n", "&#39;tiktok&#39; is not the slug of one"),
        (b"channel,month,reach\nblog,2027-01,4\n", "2027-01 is in the future"),
    ],
)
def test_a_bad_file_is_named_with_its_line_at_the_top_and_stores_nothing(
    logged_in, channels, raw, message
):
    if raw:
        page = upload(logged_in, raw)
    else:
        page = logged_in.post(
            "/results/metrics/import",
            data={"upload-channel_id": ""},
            content_type="multipart/form-data",
        ).get_data(as_text=True)
    top = page[page.index('role="alert"') : page.index('id="entry"')]
    assert "Nothing was imported:" in top and message in top
    assert count() == 0


def test_the_goal_form_offers_each_kinds_counts_and_refuses_one_that_does_not_fit(
    logged_in, channels
):
    page = logged_in.get("/results/").get_data(as_text=True)
    assert '<optgroup label="Awareness goals"><option>reach</option>' in page
    assert '<optgroup label="Community goals"><option>engagements</option>' in page
    refused = logged_in.post(
        "/results/goals",
        data={"kind": "traffic", "metric": "followers", "target": "100", "period": "month"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "A goal counting followers is about awareness" in refused
    assert db.session.scalar(select(func.count()).select_from(Goal)) == 0


def test_an_awareness_goal_shows_its_progress_on_results_and_this_week(logged_in, channels):
    linkedin, blog = channels
    for channel, month, reach in ((linkedin, "2026-10", "3000"), (blog, "2026-11", "1000")):
        logged_in.post(
            "/results/metrics", data={"channel_id": channel.id, "month": month, "reach": reach}
        )
    logged_in.post(
        "/results/goals",
        data={"kind": "awareness", "metric": "reach", "target": "10000", "period": "quarter"},
    )
    page = logged_in.get("/results/").get_data(as_text=True)
    assert "Awareness: 10,000 reach</strong> per quarter · Q4 2026: 4,000 so far (40 %)" in page
    assert "Awareness: 10,000 reach" in logged_in.get("/week").get_data(as_text=True)
