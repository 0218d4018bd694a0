"""Upload analytics exports and see what each channel brought, month by month."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.wrappers import Response
from wtforms import DateField
from wtforms.validators import Optional

from ..results import Period, ResultsFileError
from . import bp, service


class UploadForm(FlaskForm):
    """A results file, and the period it covers when its rows carry no date."""

    file = FileField(
        "Results file (CSV)",
        validators=[FileRequired("Choose a CSV file.")],
        render_kw={"accept": ".csv,text/csv"},
    )
    starts_on = DateField("Period from", validators=[Optional()])
    ends_on = DateField("to", validators=[Optional()])


@bp.route("/", methods=["GET", "POST"])
def index() -> Response | str:
    """The upload form and the results per channel and month."""
    form = UploadForm()
    if form.validate_on_submit():
        period = None
        if form.starts_on.data and form.ends_on.data:
            period = Period(form.starts_on.data, form.ends_on.data)
        if period is not None and period.end < period.start:
            form.ends_on.errors.append("The period ends before it starts.")
        else:
            try:
                summary = service.import_results(form.file.data.read(), period)
            except ResultsFileError as exc:
                form.file.errors.append(f"Nothing was imported: {exc}")
            else:
                flash(summary.text(), "success")
                return redirect(url_for("results.index"))
    months, channels = service.results_by_channel()
    return render_template(
        "results/index.html",
        form=form,
        months=months,
        channels=channels,
        unmatched=service.unmatched_rows(),
    )
