"""Link builder and history."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from calendar_app.extensions import db
from calendar_app.models import Channel
from calendar_app.services import links as service
from calendar_app.web.forms import choices, show_error
from calendar_app.web.presentation import page_number

from . import bp
from .forms import LinkForm


@bp.route("/", methods=["GET", "POST"])
def index() -> Response | str:
    """Build a tracked link; the history lists earlier ones."""
    channels = db.session.scalars(select(Channel).order_by(Channel.name)).all()
    form = LinkForm()
    form.channel.choices = choices(
        [("", "— type source and medium —")] + [(str(c.id), c.name) for c in channels]
    )
    if form.validate_on_submit():
        values = dict(form.data)
        channel = next((c for c in channels if str(c.id) == values.get("channel")), None)
        if channel is not None:
            values["source"] = values["source"] or channel.utm_source
            values["medium"] = values["medium"] or channel.utm_medium
        try:
            record, link = service.make_link(values, current_user)
        except service.LinkError as exc:
            show_error(exc, form)
        else:
            flash("Link ready: copy it below.", "success")
            for name, value in link.kept.items():
                flash(f"The destination already sets {name}={value}; it was kept.", "info")
            return redirect(url_for("links.index") + f"#link-{record.id}")
    page = db.paginate(service.history(), page=page_number(), per_page=50, error_out=False)
    return render_template("links/index.html", form=form, page=page)
