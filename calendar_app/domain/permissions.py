"""What each role may change: one matrix for the whole app (pure domain code).

Every change a person sends belongs to one area (an *action*). The owner may do
everything; an editor everything but the owner's own areas (the team and its roles,
who owns the workspace, share links, webhooks, backups, the first set-up and removing the
demo, and which channels require approval); a contributor writes posts (copy,
images, headlines, ideas, time logged, their own status moves within the workflow)
and resets their feed; a viewer only reads, changes their password, their own feed (a
leaked address must be resettable; a reminder rings only for them) and inbox, and logs out.
"""

from __future__ import annotations

# Their own login, mail choices and inbox: every role, a viewer too.
ACCOUNT = "account"
# Their own calendar feed addresses and reminder.
FEED = "feed"
# Items, their copy, images, headlines, status and time; ideas and tracked links.
POSTS = "posts"
# Channels, their cadence rules, hashtag sets and routines.
CHANNELS = "channels"
# Campaigns and their spend.
CAMPAIGNS = "campaigns"
# Goals, spend, lead values, results entered or imported.
RESULTS = "results"
# The workspace profile and importing a plan file.
SETTINGS = "settings"
# Which channels require approval.
APPROVALS = "approvals"
# Members, invitations, roles and handing over ownership.
TEAM = "team"
# Share links for clients.
SHARES = "shares"
# Downloading and checking backups.
BACKUPS = "backups"
# The first set-up and removing the demo.
SETUP = "setup"
# Outgoing webhooks: which addresses outside hear of every change.
WEBHOOKS = "webhooks"

ACTIONS = (ACCOUNT, FEED, POSTS, CHANNELS, CAMPAIGNS, RESULTS, SETTINGS, APPROVALS, TEAM,
           SHARES, BACKUPS, SETUP, WEBHOOKS)  # fmt: skip

_EDITOR = frozenset({ACCOUNT, FEED, POSTS, CHANNELS, CAMPAIGNS, RESULTS, SETTINGS})
MATRIX: dict[str, frozenset[str]] = {
    "owner": frozenset(ACTIONS),
    "editor": _EDITOR,
    "contributor": frozenset({ACCOUNT, FEED, POSTS}),
    "viewer": frozenset({ACCOUNT, FEED}),
}

# What each role may do, in the words of the page that refuses a change.
ROLE_SCOPES = {
    "owner": "You are the owner: you may change everything.",
    "editor": (
        "You are an editor: you may change posts, channels, campaigns, results and settings, "
        "but the team, roles, share links, webhooks, backups and approval rules are the owner's. "
        "Ask the owner."
    ),
    "contributor": (
        "You are a contributor: you write posts (copy, images, headlines, ideas, time "
        "logged) and send them for review, but you do not change channels, rules, "
        "campaigns, goals, spend, results or the workspace's settings. "
        "Ask an editor or the owner."
    ),
    "viewer": (
        "You are a viewer: you can read every page, but not change anything. "
        "Ask the owner for the editor or contributor role."
    ),
}


def may(role: str, action: str) -> bool:
    """Whether ``role`` may make a change of kind ``action``; an unknown role or action
    may nothing (a typo refuses instead of allowing)."""
    return action in MATRIX.get(role, frozenset())


def scope_of(role: str) -> str:
    """What ``role`` may do, in one or two sentences; an unknown role reads nothing more."""
    return ROLE_SCOPES.get(role, ROLE_SCOPES["viewer"])
