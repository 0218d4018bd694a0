"""The link builder's form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, URLField
from wtforms.validators import DataRequired, Length, Optional

from calendar_app.web.forms import SingleLine


class LinkForm(FlaskForm):
    """Where the link goes and how it is tagged."""

    destination = URLField("Destination", validators=[DataRequired(), Length(max=2000)])
    channel = SelectField("Channel", validators=[Optional()], validate_choice=False)
    source = StringField("utm_source", validators=[Optional(), Length(max=100)])
    medium = StringField("utm_medium", validators=[Optional(), Length(max=100)])
    campaign = StringField("utm_campaign", validators=[DataRequired(), Length(max=100)])
    term = StringField("utm_term (optional)", validators=[Optional(), Length(max=100)])
    purpose = StringField("What is it for?", validators=[Optional(), Length(max=200), SingleLine()])
