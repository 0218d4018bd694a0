"""Database tables (SQLAlchemy 2.0, typed), one module per aggregate; the schema comes from
migrations/. Tables only: no configuration, no clock beyond column defaults, no rules."""

from .api_tokens import ApiToken
from .base import Timestamped, UTCDateTime, new_uid, utcnow
from .campaigns import Campaign, CampaignSpend, campaign_channel
from .comments import Comment, InboxEntry
from .copy import CopyVersion, HashtagSet, ItemCopy
from .feeds import FeedRevision
from .history import ChangeRecord
from .ideas import Idea
from .links import LinkRecord
from .mail import OutboxMail, PasswordReset
from .media import ItemMedia
from .people import FailedLogin, Invitation, User
from .results import ChannelMetric, ChannelSpend, Goal, ResultMonth, ResultRecord
from .schedule import CadenceRule, Channel, RoutineTick, RuleException, ScheduleItem
from .shares import ShareLink, share_link_channel
from .webhooks import WebhookDelivery, WebhookSubscription
from .workspace import Workspace

__all__ = [
    "ApiToken",
    "CadenceRule",
    "Campaign",
    "CampaignSpend",
    "ChangeRecord",
    "Channel",
    "ChannelMetric",
    "ChannelSpend",
    "Comment",
    "CopyVersion",
    "FailedLogin",
    "FeedRevision",
    "Goal",
    "HashtagSet",
    "Idea",
    "Invitation",
    "InboxEntry",
    "ItemCopy",
    "ItemMedia",
    "LinkRecord",
    "OutboxMail",
    "PasswordReset",
    "ResultMonth",
    "ResultRecord",
    "RoutineTick",
    "RuleException",
    "ScheduleItem",
    "ShareLink",
    "Timestamped",
    "UTCDateTime",
    "User",
    "WebhookDelivery",
    "WebhookSubscription",
    "Workspace",
    "campaign_channel",
    "new_uid",
    "share_link_channel",
    "utcnow",
]
