"""Changes the JSON API makes to the plan that combine two of the web's changes in one
unit of work: a channel's fields and its pause, a rule's cadence and its switch.

The rules stay where they are (channels.save_channel, set_paused, save_rule,
set_enabled): this only makes two changes sent together succeed or fail together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from calendar_app.domain.cadence import Cadence
from calendar_app.models import CadenceRule, Channel, Workspace

from . import channels
from .transaction import unit_of_work


@unit_of_work()
def save_channel(
    channel: Channel | None,
    values: dict[str, Any],
    paused: bool | None,
    workspace: Workspace,
    now: datetime,
) -> Channel:
    """Create or change a channel from its form's values, then pause or resume it when
    ``paused`` says so (None: as it is)."""
    channel = channels.save_channel(channel, values, workspace, now)
    if paused is not None and paused != channel.paused:
        channels.set_paused(channel, paused, workspace, now)
    return channel


@unit_of_work()
def save_rule(
    rule: CadenceRule | None,
    channel: Channel,
    change: tuple[Cadence, str] | None,
    enabled: bool | None,
    workspace: Workspace,
    now: datetime,
) -> CadenceRule:
    """Create or change a rule (``change``: its cadence and label; None: as it is), then
    switch it on or off when ``enabled`` says so (None: as it is); each re-plans."""
    if change is not None:
        rule = channels.save_rule(rule, channel, change[0], change[1], workspace, now)
    assert rule is not None, "a new rule has a cadence"
    if enabled is not None and enabled != rule.enabled:
        channels.set_enabled(rule, enabled, workspace, now)
    return rule
