"""Plan files carry each channel's owner by e-mail address; an address no member has is
refused with the whole file."""

from __future__ import annotations

import copy
import json

from sqlalchemy import select

from calendar_app.extensions import db
from calendar_app.models import Channel, ScheduleItem
from calendar_app.services.owners import my_work
from tests.conftest import NOW
from tests.factories import make_user
from tests.services.test_plan_files import PLAN, counts, state, write


def channel(slug: str) -> Channel:
    db.session.expire_all()
    return db.session.scalars(select(Channel).where(Channel.slug == slug)).one()


def with_owner(owner: object, index: int = 1) -> dict:
    document = copy.deepcopy(PLAN)
    document["channels"][index]["owner"] = owner
    return document


def test_an_owner_round_trips_through_export_and_import(runner, tmp_path) -> None:
    ana = make_user("ana@example.com")
    imported = runner.invoke(
        args=["plan", "import", write(tmp_path, with_owner("Ana@Example.com"))]
    )
    assert imported.exit_code == 0, imported.output
    assert channel("linkedin").owner_id == ana.id and channel("blog").owner_id is None
    linkedin = channel("linkedin")
    assigned = db.session.scalars(select(ScheduleItem).where(ScheduleItem.channel == linkedin))
    assert {item.assignee_id for item in assigned} == {ana.id}
    assert my_work(ana, NOW, "Europe/Amsterdam").this_week  # on her My work page
    out = tmp_path / "exported.json"
    assert runner.invoke(args=["plan", "export", str(out)]).exit_code == 0
    owners = {c["slug"]: c["owner"] for c in json.loads(out.read_text())["channels"]}
    assert owners == {"blog": None, "linkedin": "ana@example.com"}
    before, rows = state(), counts()
    again = runner.invoke(args=["plan", "import", str(out)])
    assert again.exit_code == 0 and "0 records updated" in again.output, again.output
    assert (state(), counts(), channel("linkedin").owner_id) == (before, rows, ana.id)


def test_an_address_no_member_has_refuses_the_whole_file(runner, tmp_path) -> None:
    ana = make_user("ana@example.com")
    runner.invoke(args=["plan", "import", write(tmp_path, with_owner("ana@example.com"))])
    before, rows = state(), counts()
    document = with_owner("bea@example.com")
    document["channels"][0]["name"] = "Our blog"
    document["channels"].append({"name": "Mastodon", "slug": "mastodon"})
    result = runner.invoke(args=["plan", "import", write(tmp_path, document, "bad.json")])
    assert result.exit_code == 1
    assert "channels[1].owner: no team member has this address." in result.output
    assert (state(), counts()) == (before, rows)
    assert (channel("blog").name, channel("linkedin").owner_id) == ("Blog", ana.id)


def test_a_file_without_an_owner_keeps_it_and_an_empty_one_means_nobody(runner, tmp_path) -> None:
    ana = make_user("ana@example.com")
    runner.invoke(args=["plan", "import", write(tmp_path, with_owner("ana@example.com"))])
    assert runner.invoke(args=["plan", "import", write(tmp_path, PLAN, "none.json")]).exit_code == 0
    assert channel("linkedin").owner_id == ana.id
    for nobody in (None, ""):
        runner.invoke(args=["plan", "import", write(tmp_path, with_owner("ana@example.com"))])
        result = runner.invoke(
            args=["plan", "import", write(tmp_path, with_owner(nobody), "n.json")]
        )
        assert result.exit_code == 0, result.output
        assert channel("linkedin").owner_id is None


def test_an_owner_that_is_no_address_is_named_by_the_parser(runner, tmp_path) -> None:
    make_user("ana@example.com")
    for owner, problem in (
        ("ana at example", "channels[0].owner: is not an e-mail address."),
        (7, "channels[0].owner: must be a string."),
        ("a" * 250 + "@x.example", "channels[0].owner: is longer than 254 characters."),
    ):
        result = runner.invoke(args=["plan", "import", write(tmp_path, with_owner(owner, 0))])
        assert result.exit_code == 1 and problem in result.output, result.output
        assert counts()["channel"] == 0
