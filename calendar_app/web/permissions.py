"""Which area of the role matrix (domain/permissions.py) each change belongs to.

Every change a person sends is checked here, before its view runs: a change their
role may not make is a 403 whose page says what the role may do. An area is found
by endpoint first, then by blueprint; a view of an unknown blueprint counts as a
change of settings (editors and the owner).
"""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from calendar_app.domain import permissions as p

BLUEPRINT_ACTIONS = {
    "schedule": p.POSTS,
    "board": p.POSTS,
    "calendar": p.POSTS,
    "ideas": p.POSTS,
    "links": p.POSTS,
    "channels": p.CHANNELS,
    "campaigns": p.CAMPAIGNS,
    "results": p.RESULTS,
    "settings": p.SETTINGS,
    "welcome": p.SETUP,
    "feeds": p.FEED,
    "auth": p.ACCOUNT,
    "comments": p.POSTS,
    "inbox": p.ACCOUNT,
    # A share link's review is allowed by the link itself (whoever holds it, signed in or not).
    "share": p.ACCOUNT,
    # The API answers to its token alone, and checks the token's member's role itself.
    "api": p.ACCOUNT,
}
ENDPOINT_ACTIONS = {
    "settings.change_password": p.ACCOUNT,
    "settings.mail_choices": p.ACCOUNT,
    "settings.create_token": p.ACCOUNT,  # a viewer's tokens only read
    "settings.revoke_token": p.ACCOUNT,
    "channels.channel_approval": p.APPROVALS,
    "settings.add_member": p.TEAM,
    "settings.remove_member": p.TEAM,
    "settings.member_role": p.TEAM,
    "settings.hand_over": p.TEAM,
    "settings.invite": p.TEAM,
    "settings.revoke_invitation": p.TEAM,
    "settings.create_share": p.SHARES,
    "settings.revoke_share": p.SHARES,
    "settings.check_backup": p.BACKUPS,
    "settings.create_webhook": p.WEBHOOKS,
    "settings.webhook_active": p.WEBHOOKS,
    "settings.delete_webhook": p.WEBHOOKS,
    "settings.ping_webhook": p.WEBHOOKS,
    "settings.remove_demo": p.SETUP,
}


def action_of(endpoint: str) -> str:
    """The area of the matrix a change sent to ``endpoint`` belongs to."""
    if endpoint in ENDPOINT_ACTIONS:
        return ENDPOINT_ACTIONS[endpoint]
    return BLUEPRINT_ACTIONS.get(endpoint.partition(".")[0], p.SETTINGS)


def may(action: str) -> bool:
    """Whether the logged-in person may make a change of kind ``action`` (for templates)."""
    return current_user.is_authenticated and p.may(current_user.role, action)


def refuse_changes_beyond_role() -> None:
    """Every change the person's role may not make is a 403 with a clear page, whatever
    view it is for; page views are never refused here."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not current_user.is_authenticated:
        return
    if not p.may(current_user.role, action_of(request.endpoint or "")):
        abort(403, p.scope_of(current_user.role))
