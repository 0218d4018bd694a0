"""The plan file and backups from the browser: download, preview and apply a plan file,
download a backup and check one before restoring it on the command line.

The previewed plan file travels back with the Apply button in a hidden field, beside
a token signed with the secret key that holds the file's digest and the counts the
preview showed: nothing is kept on the server, a file changed on the way is refused,
and a preview is good for an hour.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.json_reader import PlanError
from calendar_app.domain.plan_parser import parse_plan
from calendar_app.services import backup, plan_export, roles
from calendar_app.services.media_store import media_store
from calendar_app.services.plan_preview import (
    PreviewOutdated,
    apply_previewed_plan,
    preview_plan,
    report_from_values,
    report_values,
)
from calendar_app.services.plans import ImportReport
from calendar_app.web.guards import accepts_uploads
from calendar_app.web.presentation import current_workspace, local, secret_key

from . import bp
from .forms import BackupCheckForm, PlanApplyForm, PlanUploadForm

PREVIEW_MAX_AGE = 3600  # seconds a preview can be applied


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(), salt="plan-preview")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_name(kind: str) -> str:
    """``acme-bikes-plan-2026-11-23.json``: the workspace's name and today's date."""
    workspace = current_workspace()
    name = re.sub(r"[^a-z0-9]+", "-", (workspace.name if workspace else "").lower()).strip("-")
    return f"{name or 'calendar'}-{kind}-{local(clock.now()).date().isoformat()}.json"


def _attachment(text: str, kind: str) -> Response:
    response = Response(text, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{_file_name(kind)}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _owner_only() -> None:
    if not current_user.is_owner:
        abort(403)


def _files_page(
    plan_form: PlanUploadForm | None = None,
    backup_form: BackupCheckForm | None = None,
    backup_counts: dict[str, int] | None = None,
) -> str:
    return render_template(
        "settings/files.html",
        plan_form=plan_form or PlanUploadForm(prefix="plan"),
        backup_form=backup_form or BackupCheckForm(prefix="backup"),
        backup_counts=backup_counts,
    )


def _refused(form: Any, message: str, problems: list[str]) -> None:
    """Every problem under the file field, the first after what happened."""
    form.file.errors = [f"{message} {problems[0]}", *problems[1:]]


@bp.route("/settings/files")
def files() -> str:
    """Download and upload the plan file; the owner downloads and checks backups."""
    return _files_page()


@bp.route("/settings/plan.json")
def download_plan() -> Response:
    """The workspace, channels, rules, campaigns and ideas as a plan file."""
    return _attachment(backup.dumps(plan_export.export_plan()), "plan")


@bp.route("/settings/plan/preview", methods=["POST"])
def preview() -> Response | str:
    """What importing the uploaded plan file would change; nothing is changed yet."""
    form = PlanUploadForm(prefix="plan")
    if not form.validate_on_submit():
        return _files_page(plan_form=form)
    raw = form.file.data.read()
    try:
        text = raw.decode(json.detect_encoding(raw))
    except UnicodeDecodeError as exc:
        _refused(form, "Plan rejected, nothing changed.", [f"(file): is not valid JSON ({exc})."])
        return _files_page(plan_form=form)
    try:
        report = preview_plan(parse_plan(text), clock.now())
    except PlanError as exc:
        _refused(form, "Plan rejected, nothing changed.", exc.problems)
        return _files_page(plan_form=form)
    return _preview_page(text, report)


def _preview_page(text: str, report: ImportReport, outdated: bool = False) -> str:
    form = PlanApplyForm(prefix="apply")
    # Set after the form is made: on a post, the form would show what was posted instead.
    form.plan.data = text
    form.token.data = _signer().dumps({"digest": _digest(text), "report": report_values(report)})
    return render_template(
        "settings/plan_preview.html", report=report, form=form, outdated=outdated
    )


@bp.route("/settings/plan/apply", methods=["POST"])
def apply() -> Response | str:
    """Import the previewed plan file, if it still changes what the preview showed."""
    form = PlanApplyForm(prefix="apply")
    previewed = _previewed(form) if form.validate_on_submit() else None
    if previewed is None:
        flash("This preview can no longer be applied: upload the plan file again.", "error")
        return redirect(url_for("settings.files"))
    text = form.plan.data or ""
    try:
        plan = parse_plan(text)
        roles.check_plan_approvals(plan, current_user)
        report = apply_previewed_plan(plan, clock.now(), previewed)
    except (PlanError, roles.RoleError) as exc:
        flash(f"Plan rejected, nothing changed. {exc}", "error")
        return redirect(url_for("settings.files"))
    except PreviewOutdated as exc:
        return _preview_page(text, exc.report, outdated=True)
    flash("Plan imported: " + report.summary(), "success")
    return redirect(url_for("settings.files"))


def _previewed(form: PlanApplyForm) -> ImportReport | None:
    """The preview's counts, if the token is ours, recent and of exactly this file."""
    try:
        signed = _signer().loads(form.token.data or "", max_age=PREVIEW_MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(signed, dict) or signed.get("digest") != _digest(form.plan.data or ""):
        return None
    return report_from_values(signed["report"])


@bp.route("/settings/backup.json")
def download_backup() -> Response:
    """Every record and image, password hashes left out (owner only)."""
    _owner_only()
    store = media_store(current_app.config)
    return _attachment(backup.dumps(backup.export_backup(store)), "backup")


@bp.route("/settings/backup/check", methods=["POST"])
@accepts_uploads
def check_backup() -> str:
    """Whether a restore would accept the uploaded backup, and what it holds (owner only)."""
    _owner_only()
    form = BackupCheckForm(prefix="backup")
    if not form.validate_on_submit():
        return _files_page(backup_form=form)
    try:
        counts = backup.check_backup(form.file.data.read())
    except backup.BackupError as exc:
        _refused(form, "Backup rejected.", exc.problems)
        return _files_page(backup_form=form)
    return _files_page(backup_counts=counts)
