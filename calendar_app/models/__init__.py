"""Database tables (SQLAlchemy 2.0, typed), one module per aggregate; the schema comes from
migrations/. Tables only: no configuration, no clock beyond column defaults, no rules."""

from .base import Timestamped, UTCDateTime, new_uid, utcnow
from .campaigns import Campaign, CampaignSpend, campaign_channel
from .feeds import FeedRevision
from .ideas import Idea
from .links import LinkRecord
from .media import ItemMedia
from .people import FailedLogin, Invitation, User
from .results import ChannelMetric, ChannelSpend, Goal, ResultMonth, ResultRecord
from .schedule import CadenceRule, Channel, RoutineTick, RuleException, ScheduleItem
from .workspace import Workspace

__all__ = [
    "CadenceRule",
    "Campaign",
    "CampaignSpend",
    "Channel",
    "ChannelMetric",
    "ChannelSpend",
    "FailedLogin",
    "FeedRevision",
    "Goal",
    "Idea",
    "Invitation",
    "ItemMedia",
    "LinkRecord",
    "ResultMonth",
    "ResultRecord",
    "RoutineTick",
    "RuleException",
    "ScheduleItem",
    "Timestamped",
    "UTCDateTime",
    "User",
    "Workspace",
    "campaign_channel",
    "new_uid",
    "utcnow",
]
