"""Forms of the Ideas page."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from calendar_app.services.ideas import MAX_HEADLINE


class QuickAddForm(FlaskForm):
    """One new headline."""

    headline = StringField(
        "New headline",
        render_kw={"maxlength": MAX_HEADLINE, "autocomplete": "off"},
        description="The score and tips update while you type.",
    )


class BulkAddForm(FlaskForm):
    """Many headlines, one per line."""

    lines = TextAreaField(
        "Paste headlines, one per line",
        render_kw={"rows": 6},
        description="Duplicates of headlines already in the bank are skipped.",
    )
