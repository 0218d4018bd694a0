"""What the mails say: subject, plain text and HTML, from values. Pure.

Every value put into the HTML part is escaped; the subject takes no line break.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple


class MailText(NamedTuple):
    """A mail's subject and its two parts."""

    subject: str
    text: str
    html: str


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _html(paragraphs: list[str], link: str, button: str) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    anchor = f'<p><a href="{escape(link, quote=True)}">{escape(button)}</a></p>'
    return f"<!doctype html><html><body>{body}{anchor}</body></html>"


def reset_mail(team: str, link: str, hours: int = 1) -> MailText:
    """The mail with a password-reset link."""
    team = _one_line(team) or "your team's calendar"
    lead = f"Someone, hopefully you, asked to reset your password for {team}."
    rule = (
        f"The link works once, for {hours} hour{'s' if hours != 1 else ''}. If you did not "
        "ask, ignore this mail: your password stays as it is."
    )
    text = f"{lead}\n\nChoose a new password here:\n{link}\n\n{rule}\n"
    return MailText(
        f"Reset your password for {team}", text, _html([lead, rule], link, "Choose a new password")
    )


def invitation_mail(team: str, inviter: str, link: str, days: int) -> MailText:
    """The mail that carries an invitation link to a new team member."""
    team = _one_line(team) or "a team's calendar"
    lead = f"{_one_line(inviter)} invites you to {team}, the team's editorial calendar."
    rule = f"The link works once, for {days} days; you choose your own password there."
    text = f"{lead}\n\nJoin here:\n{link}\n\n{rule}\n"
    return MailText(f"Join {team}", text, _html([lead, rule], link, "Join the team"))


# What each inbox entry says in a mail's subject and first line, after the actor's name.
NOTICE_WORDS = {
    "mention": "mentioned you",
    "review_request": "asks for your review of",
    "changes_requested": "asked for changes to",
    "approved": "approved",
}
# The mail choice (Account page) each kind of inbox entry falls under.
NOTICE_CHOICES = {
    "mention": "mention",
    "review_request": "review",
    "changes_requested": "approval",
    "approved": "approval",
}
EXCERPT = 300  # characters of a comment quoted in the mail


def notice_mail(
    kind: str, actor: str, what: str, excerpt: str, link: str, settings_link: str
) -> MailText:
    """The mail of an inbox entry: who did what to which item or idea, the comment's words
    (cut at 300 characters) and the link to it; the Account page's link to choose mails."""
    actor, what = _one_line(actor) or "Someone", _one_line(what)
    words = NOTICE_WORDS[kind]
    lead = f"{actor} {words} {'in' if kind == 'mention' else ''} {what}".replace("  ", " ")
    quote = excerpt.strip()
    if len(quote) > EXCERPT:
        quote = quote[: EXCERPT - 1].rstrip() + "…"
    footer = f"Choose which mails you get: {settings_link}"
    text = f"{lead}.\n\n" + (f"{quote}\n\n" if quote else "") + f"{link}\n\n-- \n{footer}\n"
    paragraphs = [f"{lead}."] + ([quote] if quote else [])
    html = _html(paragraphs, link, "Open it").replace(
        "</body>",
        f'<hr><p><a href="{escape(settings_link, quote=True)}">Choose which mails you get</a>'
        "</p></body>",
    )
    return MailText(f"{actor} {words} {'in ' if kind == 'mention' else ''}{what}", text, html)


def reminder_mail(what: str, starts: str, lead: str, link: str, settings_link: str) -> MailText:
    """A reminder before one item: what, when it starts (in words of the workspace's zone),
    how long before, and its page."""
    what = _one_line(what)
    first = f"{what} starts {starts} ({lead})."
    footer = f"Reminders come as long before as your feed's reminder: {settings_link}"
    text = f"{first}\n\n{link}\n\n-- \n{footer}\n"
    html = _html([first], link, "Open it").replace(
        "</body>",
        f'<hr><p><a href="{escape(settings_link, quote=True)}">Change or stop reminders</a>'
        "</p></body>",
    )
    return MailText(f"Reminder: {what}, {starts}", text, html)
