"""Forms of the Settings and Account pages."""

from __future__ import annotations

from calendar import month_name

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from calendar_app.domain.api_tokens import MAX_LIFETIME_DAYS, SCOPE_LABELS
from calendar_app.domain.goals import RESULT_SOURCES, SOURCES_OF_TRUTH
from calendar_app.domain.mail import CHOSEN_KINDS
from calendar_app.domain.money import COMMON_CURRENCIES, LOCALES, currency_name, locale_name
from calendar_app.domain.workflow import ROLE_LABELS
from calendar_app.services.roles import GIVEN_ROLES
from calendar_app.web.auth.forms import PASSWORD_LENGTH
from calendar_app.web.forms import Finite, SingleLine, choices, timezone_choices

GOALS = [
    ("", "No goal yet"),
    ("awareness", "Brand awareness"),
    ("traffic", "Traffic"),
    ("leads", "Leads"),
    ("sales", "Sales"),
    ("community", "Community"),
    ("loyalty", "Customer loyalty"),
    ("reputation", "Brand reputation"),
    ("share-of-voice", "Share of voice"),
    ("support-costs", "Lower support costs"),
    ("listening", "Listening"),
]


class ProfileForm(FlaskForm):
    """The workspace profile: who we are, the goal, capacity and blackout dates."""

    name = StringField(
        "Team or company name", validators=[DataRequired(), Length(max=120), SingleLine()]
    )
    mission = StringField(
        "What we do, in one sentence",
        validators=[
            Optional(),
            Length(max=140, message="Keep the mission to 140 characters."),
            SingleLine(),
        ],
        render_kw={"maxlength": 140, "data-count": "140"},
    )
    industry = StringField("Industry", validators=[Optional(), Length(max=120), SingleLine()])
    audience = StringField("Audience", validators=[Optional(), Length(max=200), SingleLine()])
    topics = TextAreaField(
        "Topics and keywords", description="One per line.", render_kw={"rows": 4}
    )
    products = TextAreaField("Products", description="One per line.", render_kw={"rows": 3})
    site_url = StringField(
        "Site URL",
        description="Where tracked links go by default.",
        validators=[Optional(), Length(max=2000)],
    )
    timezone = SelectField("Time zone", choices=timezone_choices())
    goal = SelectField("Primary goal", choices=choices(GOALS))
    goal_target = IntegerField(
        "Target number",
        validators=[Optional(), NumberRange(0, 10**9)],
        description="For example 40 leads a month.",
    )
    currency = SelectField(
        "Currency",
        choices=choices((code, f"{code} · {currency_name(code)}") for code in COMMON_CURRENCIES),
        description="Costs, spend, revenue and values are in this currency.",
        validate_choice=False,  # checked by the service, which keeps it when not sent
    )
    locale = SelectField(
        "Numbers written as in",
        choices=choices((code, locale_name(code)) for code in LOCALES),
        validate_choice=False,
    )
    analytics_source = SelectField(
        "Analytics source of truth",
        choices=choices(
            (key, RESULT_SOURCES[key][:1].upper() + RESULT_SOURCES[key][1:])
            for key in SOURCES_OF_TRUTH
        ),
        description="Where two imported exports report the same traffic (a GA4 and a "
        "Plausible export of the same month), only this one counts; the other is kept.",
        validate_choice=False,
    )
    hours_per_week = DecimalField(
        "Hours per week for social media",
        places=1,
        validators=[
            InputRequired(),
            Finite(),
            NumberRange(0, 168, message="Between 0 and 168 hours."),
        ],
    )
    touched_items = RadioField(
        "When the time zone changes, the upcoming items people worked on",
        choices=choices(
            [
                ("clock", "keep their local times (a 09:00 post stays at 09:00)"),
                ("instant", "keep the same moment (their local times change)"),
            ]
        ),
        default="clock",
    )
    blackout_dates = TextAreaField(
        "Blackout dates",
        description="One date per line, like 2026-12-25. Nothing is scheduled on them; "
        "a routine on one moves to the next working day.",
        render_kw={"rows": 3},
    )
    fiscal_year_start = SelectField(
        "Fiscal year starts in",
        choices=choices((str(month), month_name[month]) for month in range(1, 13)),
        description="The yearly strategy review falls on the first working day of the "
        "month before.",
        validate_choice=False,
    )


class PasswordForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField("Current password", validators=[DataRequired()])
    password = PasswordField("New password", validators=[DataRequired(), PASSWORD_LENGTH])
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("password", "The passwords differ.")],
    )


# The roles the owner gives, with what each may do.
ROLE_CHOICES = choices((role, ROLE_LABELS[role]) for role in GIVEN_ROLES)


class MemberForm(FlaskForm):
    """The owner adds a team member with a first password to pass on."""

    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("First password", validators=[DataRequired(), PASSWORD_LENGTH])
    role = SelectField("Role", choices=ROLE_CHOICES, default="editor")


class HandOverForm(FlaskForm):
    """The owner makes another member the owner, confirming with their own password."""

    member = SelectField("New owner", coerce=int)
    password = PasswordField("Your password", validators=[DataRequired()])


class InviteForm(FlaskForm):
    """The owner invites a team member by a one-time link."""

    email = EmailField("Their e-mail address", validators=[DataRequired(), Length(max=254)])
    role = SelectField("Their role", choices=ROLE_CHOICES, default="editor")


class PlanUploadForm(FlaskForm):
    """A plan file, to preview what importing it would change."""

    file = FileField(
        "Plan file (JSON)",
        validators=[FileRequired("Choose a plan file.")],
        render_kw={"accept": ".json,application/json"},
    )


class PlanApplyForm(FlaskForm):
    """The previewed plan file, sent back with the signed digest of it and its preview."""

    plan = HiddenField(validators=[DataRequired()])
    token = HiddenField(validators=[DataRequired()])


class BackupCheckForm(FlaskForm):
    """A backup file, to check whether a restore would accept it."""

    file = FileField(
        "Backup file (JSON)",
        validators=[FileRequired("Choose a backup file.")],
        render_kw={"accept": ".json,application/json"},
    )


class ShareForm(FlaskForm):
    """A share link: its label, what it shows and its last day."""

    label = StringField(
        "Label",
        validators=[
            DataRequired(message="Give the link a label, such as who it is for."),
            Length(max=120, message="The label can have at most 120 characters."),
            SingleLine(),
        ],
        description="Who it is for, e.g. “Client review, December”. Only the team sees it.",
    )
    scope = RadioField(
        "Shows",
        choices=choices([("all", "Every channel"), ("chosen", "Only the channels ticked below")]),
        default="all",
    )
    channel_ids = SelectMultipleField(
        "Channels",
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,
    )
    show_notes = BooleanField("Show the items' notes")
    allow_approval = BooleanField(
        "Viewers may approve or ask for changes",
        description="Posts in review get a form: the viewer types their name and approves "
        "the post or asks for changes with a note.",
    )
    expires_on = DateField(
        "Last day it works",
        validators=[Optional()],
        description="Optional, at most a year ahead. Empty: until you revoke it.",
    )

    def values(self) -> dict[str, object]:
        """What the share service takes."""
        return {
            "label": self.label.data or "",
            "all_channels": self.scope.data != "chosen",
            "channel_ids": list(self.channel_ids.data or []),
            "show_notes": bool(self.show_notes.data),
            "allow_approval": bool(self.allow_approval.data),
            "expires_on": self.expires_on.data,
        }


class MailChoicesForm(FlaskForm):
    """The mails a member gets (domain/mail.py CHOSEN_KINDS)."""

    review = BooleanField(CHOSEN_KINDS["review"])
    mention = BooleanField(CHOSEN_KINDS["mention"])
    approval = BooleanField(CHOSEN_KINDS["approval"])
    digest = BooleanField(CHOSEN_KINDS["digest"])
    reminder = BooleanField(CHOSEN_KINDS["reminder"])

    def choices(self) -> dict[str, bool]:
        """Whether each kind is ticked."""
        return {kind: bool(getattr(self, kind).data) for kind in CHOSEN_KINDS}


class TokenForm(FlaskForm):
    """A personal API token: its label, scope and how many days it works."""

    label = StringField(
        "Label",
        validators=[
            DataRequired(message="Give the token a label, such as the script that uses it."),
            Length(max=120, message="The label can have at most 120 characters."),
            SingleLine(),
        ],
        description="What uses it, e.g. “Publishing script”. Only you see it.",
    )
    scope = RadioField(
        "It may",
        choices=choices(SCOPE_LABELS.items()),
        default="read",
    )
    days = IntegerField(
        "Days it works",
        validators=[
            Optional(),
            NumberRange(
                min=1,
                max=MAX_LIFETIME_DAYS,
                message=f"A token works from 1 to {MAX_LIFETIME_DAYS} days; empty: until revoked.",
            ),
        ],
        description="Empty: until you revoke it.",
    )
