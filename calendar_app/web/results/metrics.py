"""Awareness and community numbers per channel and month: a month entered or edited, a file
imported, the numbers listed, an entry deleted."""

from __future__ import annotations

from functools import partial

from flask import Response, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from calendar_app.domain.metric_values import LABELS, METRICS
from calendar_app.domain.metrics_csv import MetricsFileError
from calendar_app.domain.money import whole
from calendar_app.extensions import db
from calendar_app.models import Channel, ChannelMetric
from calendar_app.services import metrics as service
from calendar_app.web.forms import choices, show_error
from calendar_app.web.presentation import current_workspace, row_id

from . import bp
from .forms import MetricsForm, MetricsUploadForm, NumbersForm


def _page(
    entry: NumbersForm | None = None,
    upload: MetricsUploadForm | None = None,
    editing: ChannelMetric | None = None,
    file_problems: tuple[str, ...] = (),
) -> str:
    """The page with its two forms (as sent, with their errors, or empty) and the numbers;
    the forms' errors and a file's problems also show at the top."""
    workspace = current_workspace() or abort(404)
    channels = db.session.scalars(select(Channel).order_by(Channel.name)).all()
    options = [(str(c.id), c.name) for c in channels]
    if entry is None:
        entry = NumbersForm(data=_typed(editing)) if editing else MetricsForm()
    if isinstance(entry, MetricsForm):
        entry.channel_id.choices = choices(options)
    upload = upload or MetricsUploadForm(prefix="upload")
    upload.channel_id.choices = choices([("", "— our CSV names them —"), *options])
    problems = [*_errors(entry), *(file_problems or _errors(upload))]
    if file_problems:
        upload.file.errors.append("Nothing was imported: the problems are listed at the top.")
    return render_template(
        "results/metrics.html",
        entry=entry,
        upload=upload,
        editing=editing,
        problems=problems,
        heading="Nothing was imported" if upload.errors or file_problems else "Nothing was saved",
        listed=service.metrics_by_channel(),
        channels=channels,
        numbers=METRICS,
        columns=LABELS | {"positive_mentions": "Positive", "negative_mentions": "Negative"},
        whole=partial(whole, locale=workspace.locale),
    )


def _typed(entry: ChannelMetric) -> dict[str, str]:
    """An entry's numbers as its form shows them (empty: not known)."""
    return {name: "" if (n := getattr(entry, name)) is None else str(n) for name in METRICS}


# The fields in the order the page shows them.
FIELD_ORDER = ("channel_id", "month", *METRICS, "file")


def _errors(form: NumbersForm | MetricsUploadForm) -> list[str]:
    """A form's errors for the top of the page in the page's order, each after its label."""
    fields = sorted(
        form, key=lambda f: FIELD_ORDER.index(f.short_name) if f.short_name in FIELD_ORDER else -1
    )
    return [f"{f.label.text}: {error}" for f in fields for error in f.errors]


@bp.route("/metrics")
def metrics() -> str:
    """The numbers per channel and month; ``?edit=<id>`` fills the form with an entry's."""
    editing = None
    if "edit" in request.args:
        editing = db.session.get(ChannelMetric, row_id(request.args["edit"]) or 0) or abort(404)
    return _page(editing=editing)


@bp.route("/metrics", methods=["POST"])
def save_metrics() -> Response | str:
    """A channel's numbers for a month; a month that has numbers keeps those left empty."""
    form = MetricsForm()
    if not form.validate_on_submit():
        return _page(entry=form)
    channel = db.session.get(Channel, row_id(form.channel_id.data) or 0)
    try:
        entry, existed = service.save_metrics(channel, form.month.data or "", form.data)
    except service.MetricsError as exc:
        show_error(exc, form)
        return _page(entry=form)
    kept = " (the fields left empty kept the numbers it had)" if existed else ""
    flash(f"{entry.channel.name} · {entry.month:%Y-%m} saved{kept}.", "success")
    return redirect(url_for("results.metrics") + "#numbers")


@bp.route("/metrics/<int:entry_id>", methods=["POST"])
def edit_metrics(entry_id: int) -> Response | str:
    """An entry's numbers as typed; an empty field becomes not known."""
    entry = db.session.get(ChannelMetric, entry_id) or abort(404)
    form = NumbersForm()
    if form.validate_on_submit():
        try:
            service.update_metrics(entry, form.data)
        except service.MetricsError as exc:
            show_error(exc, form)
        else:
            flash(f"{entry.channel.name} · {entry.month:%Y-%m} saved.", "success")
            return redirect(url_for("results.metrics") + "#numbers")
    return _page(entry=form, editing=entry)


@bp.route("/metrics/import", methods=["POST"])
def import_metrics() -> Response | str:
    """A metrics file, all of it or nothing."""
    form = MetricsUploadForm(prefix="upload")
    if not form.validate_on_submit():
        return _page(upload=form)
    channel = db.session.get(Channel, row_id(form.channel_id.data) or 0)
    try:
        result = service.import_metrics(form.file.data.read(), channel)
    except MetricsFileError as exc:
        return _page(upload=form, file_problems=tuple(exc.problems))
    flash(result.text(), "success")
    return redirect(url_for("results.metrics") + "#numbers")


@bp.route("/metrics/<int:entry_id>/delete", methods=["POST"])
def delete_metrics(entry_id: int) -> Response:
    """Forget a channel's numbers for a month."""
    entry = db.session.get(ChannelMetric, entry_id) or abort(404)
    name = f"{entry.channel.name} · {entry.month:%Y-%m}"
    service.delete_metrics(entry)
    flash(f"The numbers of {name} were deleted.", "success")
    return redirect(url_for("results.metrics") + "#numbers")
