"""The item page: its details, and the copy editor with its counter, preview and versions."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template, request
from flask_login import current_user

from calendar_app import clock
from calendar_app.domain.activities import HEADLINE_ACTIVITIES
from calendar_app.domain.capacity import week_start
from calendar_app.domain.copy_text import PLACEHOLDER, copy_fields, preview, with_link
from calendar_app.domain.item_links import link_for
from calendar_app.domain.media import file_size
from calendar_app.domain.networks import LINK_WEIGHT, count
from calendar_app.domain.workflow import next_steps, statuses_for
from calendar_app.models import ScheduleItem
from calendar_app.services import media, slots
from calendar_app.services.campaigns import campaigns_on
from calendar_app.services.copy import channel_network, draft_for, versions_of
from calendar_app.services.history import item_history
from calendar_app.services.owners import members
from calendar_app.services.reruns import runs_of
from calendar_app.services.review import changes_since_approval
from calendar_app.services.routines import ticks_of
from calendar_app.services.top_content import post_results
from calendar_app.web.comments.thread import thread_context
from calendar_app.web.presentation import current_workspace, local, routine_steps


def render_item(
    item: ScheduleItem,
    errors: dict[str, str] | None = None,
    copy_values: dict[str, str] | None = None,
    copy_errors: dict[str, str] | None = None,
    comment: tuple[str, str] = ("", ""),
) -> str:
    """The item page; ``errors`` for its details form, ``copy_values`` and ``copy_errors``
    for a refused copy, ``comment`` the text and reason of a refused comment (shown as
    typed)."""
    takes_headline = item.activity in HEADLINE_ACTIVITIES
    return render_template(
        "schedule/item.html",
        item=item,
        results=post_results(item.id) if takes_headline else None,
        runs=runs_of(item) if takes_headline else [],
        is_open=takes_headline and item.status == "draft" and item.starts_at > clock.now(),
        steps=routine_steps(item),
        media=media.media_of(item),
        max_image_size=file_size(current_app.config["MEDIA_MAX_BYTES"]),
        ticks=ticks_of(item) if item.activity == "routine" else {},
        errors=errors or {},
        form=request.form if errors else {},
        backlog=slots.backlog_for_slots() if takes_headline else [],
        statuses=statuses_for(item.activity),
        steps_now=next_steps(item.activity, item.status, current_user.role),
        changes=changes_since_approval(item),
        members=members(),
        campaigns=campaigns_on(item.channel, item.campaign),
        # The week page shows days in the workspace's zone, so its week is found there.
        week_of=week_start(local(item.starts_at).date()),
        editor=copy_editor(item, copy_values, copy_errors),
        history=item_history(item),
        **thread_context(item, *comment),
    )


def copy_editor(
    item: ScheduleItem, values: dict[str, str] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any] | None:
    """What the item page's copy editor shows: the text being written (``values`` after a
    refused save, else the saved or shared draft), the network's limits, the preview of
    the text as posted and the earlier versions. None for items without copy."""
    if item.activity not in HEADLINE_ACTIVITIES:
        return None
    network, limit = channel_network(item.channel)
    draft = draft_for(item)
    texts = {name: getattr(draft, name) for name in ("title", "body", "outline")}
    texts.update(values or {})
    link = link_for(item, current_workspace())
    posted = with_link(texts["body"], link.url if link else "")
    return {
        "network": network,
        "limit": limit,
        "fields": copy_fields(network, item.activity),
        "texts": texts,
        "shared": draft.shared and values is None,
        "link_url": link.url if link else "",
        "posted_length": count(posted, network),
        "title_length": count(texts["title"], network),
        "preview": preview(posted, network, limit),
        "versions": versions_of(item),
        "errors": errors or {},
        "placeholder": PLACEHOLDER,
        "link_weight": LINK_WEIGHT,
    }
