"""Read a plan file's channels: each with its tracking values, network, hashtag sets and
cadence rules, every problem named by its path (``channels[0].rules[0].time``); and the
helpers every part of the file is read with. Pure domain code (see :mod:`.plan_parser`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .accounts import AccountError, normalise_email
from .activities import ACTIVITIES
from .cadence import normalise_rrule, resolve_timezone, validate_cadence
from .channel_kinds import check_colour, check_slug, default_medium
from .copy_text import MAX_TAG_LENGTH, parse_tags
from .errors import CadenceError, Problems
from .json_reader import PlanError, Reader, parse_time
from .networks import MAX_OWN_LIMIT, check_network, network_of
from .plan_format import (
    ALIASES,
    CHANNEL_FIELDS,
    MAX_TEXT,
    RULE_FIELDS,
    ChannelPlan,
    RulePlan,
    rule_cadence,
)
from .reminders import MAX_RESPONSE_HOURS
from .routines import ROUTINES
from .tracking import normalise_utm

# A day to check a rule against when the file gives no start (the import's day is used).
_ANY_START = date(2026, 1, 5)


def each_entry(
    problems: Problems[PlanError],
    root: Reader,
    key: str,
    parse: Callable[[Reader, Problems[PlanError]], Any],
) -> list[tuple[int, Any]]:
    """Each entry of a list, parsed, with its index; entries that fail are noted, not kept."""
    parsed = []
    entries: list[Any] = []
    with problems.check():
        entries = root.items(key)
    for index, raw in enumerate(entries):
        with problems.check():
            parsed.append((index, parse(Reader(raw, f"{root.where(key)}[{index}]"), problems)))
    return parsed


def check_slugs_once(
    channels: list[tuple[int, ChannelPlan]], problems: Problems[PlanError]
) -> None:
    """Each slug names one channel of the file."""
    seen: set[str] = set()
    for index, channel in channels:
        with problems.check():
            if channel.slug in seen:
                raise PlanError(f"channels[{index}].slug", f"{channel.slug!r} is used twice.")
        seen.add(channel.slug)


def read_fields(
    problems: Problems[PlanError], reader: Reader, reads: dict[str, Callable[[], Any]]
) -> dict[str, Any]:
    """The fields the entry mentions, each read on its own so every bad one is noted."""
    values = {}
    for key, read in reads.items():
        if reader.given(key):
            with problems.check():
                values[key] = read()
    return values


def read_timezone(r: Reader, key: str) -> str | None:
    """A time zone name the calendar knows, or None when not given."""
    name = r.text(key, max_len=64) or None
    if name:
        try:
            resolve_timezone(name)
        except CadenceError as exc:
            raise PlanError(r.where(key), exc.message) from None
    return name


def _tracking_value(r: Reader, key: str, default: str) -> str:
    try:
        return normalise_utm(r.text(key, max_len=100) or default, key)
    except ValueError as exc:
        raise PlanError(r.where(key), str(exc)) from None


def _colour(r: Reader) -> str:
    try:
        return check_colour(r.text("colour", max_len=7))
    except ValueError as exc:
        raise PlanError(r.where("colour"), str(exc)) from None


def parse_channel(r: Reader, problems: Problems[PlanError]) -> ChannelPlan:
    """A channel with its rules, network and hashtag sets; every problem is noted."""
    with problems.check():
        r.only(CHANNEL_FIELDS, ALIASES)
    slug = ""
    with problems.check():
        slug = _slug(r)
    reads = {
        "name": lambda: r.text("name", required=True, max_len=80),
        "utm_source": lambda: _tracking_value(r, "utm_source", slug),
        "utm_medium": lambda: _tracking_value(r, "utm_medium", default_medium(slug)),
        "timezone": lambda: read_timezone(r, "timezone"),
        "paused": lambda: r.flag("paused", False),
        "colour": lambda: _colour(r),
        "requires_approval": lambda: r.flag("requires_approval", False),
        "network": lambda: _network(r),
        "own_limit": lambda: _own_limit(r),
        "response_hours": lambda: r.integer("response_hours", 1, MAX_RESPONSE_HOURS),
    }
    fields = read_fields(problems, r, reads)
    with problems.check():
        if not r.given("name"):
            raise PlanError(r.where("name"), "is required.")
    rules = [
        rule for _index, rule in each_entry(problems, r, "rules", _parse_rule) if rule is not None
    ]
    tag_sets = None
    if r.given("hashtag_sets"):
        tag_sets = _hashtag_sets(r, problems)
    owner = None
    with problems.check():
        owner = _owner(r)
    return ChannelPlan(slug=slug, fields=fields, rules=rules, hashtag_sets=tag_sets, owner=owner)


def _owner(r: Reader) -> str | None:
    """The owner's e-mail address, lower-cased ("" or null: nobody; None: not given). Whether
    a member has it is checked against the stored team when the file is imported."""
    if not r.given("owner"):
        return None
    address = r.text("owner", max_len=254)
    try:
        return normalise_email(address) if address else ""
    except AccountError:
        raise PlanError(r.where("owner"), "is not an e-mail address.") from None


def _network(r: Reader) -> str:
    try:
        return check_network(r.text("network", max_len=20), None)[0]
    except ValueError as exc:
        raise PlanError(r.where("network"), str(exc)) from None


def _own_limit(r: Reader) -> int | None:
    """A channel's own limit, only where its network takes one (Mastodon, other)."""
    limit = r.integer("own_limit", 1, MAX_OWN_LIMIT)
    if limit is not None and not network_of(r.data.get("network") or "").own_limit:
        raise PlanError(r.where("own_limit"), "only Mastodon and Other take their own limit.")
    return limit


def _hashtag_set(r: Reader, problems: Problems[PlanError]) -> tuple[str, tuple[str, ...]]:
    """A hashtag set: its name and its tags, checked as the channel page checks them."""
    r.only(("name", "tags"))
    name = r.text("name", required=True, max_len=60)
    try:
        return name, parse_tags(", ".join(r.strings("tags", max_len=MAX_TAG_LENGTH)))
    except ValueError as exc:
        raise PlanError(r.where("tags"), str(exc)) from None


def _hashtag_sets(r: Reader, problems: Problems[PlanError]) -> dict[str, tuple[str, ...]]:
    """The channel's hashtag sets by name; a name used twice is a problem."""
    tag_sets: dict[str, tuple[str, ...]] = {}
    for index, (name, tags) in each_entry(problems, r, "hashtag_sets", _hashtag_set):
        with problems.check():
            if name in tag_sets:
                raise PlanError(
                    f"{r.where('hashtag_sets')}[{index}].name", f"{name!r} is used twice."
                )
        tag_sets[name] = tags
    return tag_sets


def _slug(r: Reader) -> str:
    slug = r.text("slug", required=True, max_len=60)
    try:
        return check_slug(slug)
    except ValueError as exc:
        raise PlanError(r.where("slug"), str(exc)) from None


def _parse_rule(r: Reader, problems: Problems[PlanError]) -> RulePlan | None:
    """The rule, or None when it has problems (all of them noted)."""
    before = len(problems.errors)
    with problems.check():
        r.only(RULE_FIELDS, ALIASES)
    activity = time_of_day = rrule = per_week = routine_key = None
    with problems.check():
        activity = r.choice("activity", ACTIVITIES, None)
        if activity is None:
            raise PlanError(r.where("activity"), "is required.")
    with problems.check():
        if not r.has("time"):
            raise PlanError(r.where("time"), "is required.")
        time_of_day = parse_time(r.data["time"], r.where("time"))
    with problems.check():
        per_week = r.integer("per_week", 1, 5)
    with problems.check():
        rrule = _recurrence(r)
    with problems.check():
        routine_key = r.choice("routine", tuple(ROUTINES), None)
    settings = read_fields(problems, r, _rule_settings(r))
    if len(problems.errors) > before or activity is None or time_of_day is None:
        return None
    rule = RulePlan(activity, time_of_day, rrule, per_week, routine_key, settings)
    if rule.settings.get("starts_on") is None:
        rule.settings.pop("starts_on", None)  # null or absent: the stored start, or today
    with problems.check():
        _check_cadence(r, rule)
    return rule


def _recurrence(r: Reader) -> str | None:
    """The rule's RRULE, normalised; exactly one of ``rrule`` and ``per_week`` is given."""
    if r.has("rrule") == r.has("per_week"):
        raise PlanError(r.where("rrule"), "give either rrule or per_week.")
    if not r.has("rrule"):
        return None
    try:
        return normalise_rrule(r.text("rrule", max_len=500))
    except CadenceError as exc:
        raise PlanError(r.where("rrule"), exc.message) from None


def _rule_settings(r: Reader) -> dict[str, Callable[[], Any]]:
    return {
        "duration_minutes": lambda: r.integer("duration_minutes", 1, 720),
        "starts_on": lambda: r.day("starts_on"),
        "ends_on": lambda: r.day("ends_on"),
        "count": lambda: r.integer("count", 1, 10_000),
        "enabled": lambda: r.flag("enabled", True),
        "label": lambda: r.text("label", max_len=MAX_TEXT["label"]),
    }


def _check_cadence(r: Reader, rule: RulePlan) -> None:
    """The rule as a whole can be planned (without a start, the end is checked on import)."""
    stored = {} if "starts_on" in rule.settings else {"starts_on": _ANY_START, "ends_on": None}
    try:
        validate_cadence(rule_cadence(rule, stored))
    except CadenceError as exc:
        raise PlanError(r.where(exc.field.replace("time_of_day", "time")), exc.message) from None
