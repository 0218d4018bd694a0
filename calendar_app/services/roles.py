"""What each team member may do: the owner gives members their roles and decides which
channels require approval (on the channels page or in a plan file)."""

from __future__ import annotations

from sqlalchemy import select

from calendar_app.domain.errors import FieldError
from calendar_app.domain.plan_format import Plan
from calendar_app.domain.workflow import ROLES
from calendar_app.extensions import db
from calendar_app.models import Channel, User

from .transaction import unit_of_work

# The roles the owner can give; there is one owner, who keeps that role.
GIVEN_ROLES = tuple(role for role in ROLES if role != "owner")


class RoleError(FieldError):
    """A role that cannot be given; ``field`` is ``role``."""


def check_given_role(role: str) -> str:
    """``role`` if the owner may give it to a member, else :class:`RoleError`."""
    if role not in GIVEN_ROLES:
        raise RoleError("role", "Choose editor, contributor or viewer.")
    return role


@unit_of_work()
def set_role(user: User, role: str, by: User) -> None:
    """The owner changes a member's role; no one changes their own (only the owner changes
    roles, and the owner's role changes only by handing over: there must always be someone
    who can manage the team)."""
    if not by.is_owner:
        raise RoleError("role", "Only the owner changes roles.")
    if user.is_owner:
        raise RoleError(
            "role",
            (
                "The owner stays the owner: no one else could manage the team. "
                "Hand over ownership to another member first."
            ),
        )
    user.role = check_given_role(role)


@unit_of_work()
def hand_over(to: User, by: User) -> None:
    """The owner makes another member the owner and becomes an editor; there is exactly
    one owner before and after (the database's index allows no second one)."""
    if not by.is_owner:
        raise RoleError("owner", "Only the owner hands over the workspace.")
    if to.id == by.id:
        raise RoleError("owner", "You are the owner already: choose another member.")
    by.is_owner, by.role = False, "editor"
    db.session.flush()  # the old owner first: the index never sees two owners
    to.is_owner, to.role = True, "owner"


def check_plan_approvals(plan: Plan, by: User) -> None:
    """A plan file may change which channels require approval only when the owner imports
    it (RoleError naming the first channel it would change otherwise)."""
    if by.is_owner:
        return
    for channel_plan in plan.channels:
        wanted = channel_plan.fields.get("requires_approval")
        channel = db.session.scalar(select(Channel).where(Channel.slug == channel_plan.slug))
        if wanted is not None and wanted != (channel is not None and channel.requires_approval):
            raise RoleError(
                "requires_approval",
                f"Only the owner decides which channels require approval ({channel_plan.slug}).",
            )


@unit_of_work()
def require_approval(channel: Channel, required: bool, by: User) -> None:
    """The owner decides whether contributors' posts on ``channel`` wait for an approval."""
    if not by.is_owner:
        raise RoleError(
            "requires_approval", "Only the owner decides which channels require approval."
        )
    channel.requires_approval = required
