"""Forms of the Results page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField
from wtforms.validators import Optional


class UploadForm(FlaskForm):
    """A results file, and the period it covers when its rows carry no date."""

    file = FileField(
        "Results file (CSV)",
        validators=[FileRequired("Choose a CSV file.")],
        render_kw={"accept": ".csv,text/csv"},
    )
    starts_on = DateField("Period from", validators=[Optional()])
    ends_on = DateField("to", validators=[Optional()])
