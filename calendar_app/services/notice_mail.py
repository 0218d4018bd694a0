"""The mail that goes with each new inbox entry (mentions, review requests, approvals and
asked-for changes), queued in the unit of work that made the entry."""

from __future__ import annotations

from calendar_app.domain.activities import activity_label
from calendar_app.domain.mail_texts import NOTICE_CHOICES, notice_mail
from calendar_app.domain.owners import short_name
from calendar_app.models import InboxEntry

from . import site
from .mail import queue_mail


def _target(entry: InboxEntry) -> tuple[str, str]:
    """What the entry is about, in words, and the path of its page."""
    anchor = f"#comment-{entry.comment.id}" if entry.comment is not None else ""
    if entry.item is not None:
        item = entry.item
        what = f"{item.channel.name} · {activity_label(item.activity)}"
        if item.idea is not None:
            what += f": {item.idea.headline}"
        return what, f"/items/{item.id}{anchor}"
    idea = entry.idea
    return f"the idea “{idea.headline}”", f"/ideas/{idea.id}/comments{anchor}"


def mail_notice(entry: InboxEntry) -> None:
    """Queue the mail of a new (flushed) inbox entry to its member, unless they chose not to
    get mails of its kind (Account page); it leaves once the unit of work commits."""
    what, path = _target(entry)
    actor = short_name(entry.actor.email) if entry.actor is not None else "The calendar"
    excerpt = entry.comment.body if entry.comment is not None else ""
    mail = notice_mail(entry.kind, actor, what, excerpt, site.link(path), site.link("/account"))
    queue_mail(entry.user, NOTICE_CHOICES[entry.kind], *mail, key=f"inbox:{entry.id}")
