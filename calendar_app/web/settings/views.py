"""Settings and Account pages."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from calendar_app import clock
from calendar_app.domain.errors import FieldError
from calendar_app.domain.money import COMMON_CURRENCIES
from calendar_app.domain.workflow import ROLE_LABELS
from calendar_app.extensions import db
from calendar_app.models import Invitation, User
from calendar_app.services import (
    account_mail,
    accounts,
    demo,
    mail_preferences,
    media_files,
    owners,
    roles,
)
from calendar_app.services import workspace as service
from calendar_app.services.media_store import media_store
from calendar_app.web.forms import choices, show_error
from calendar_app.web.guards import secret_page
from calendar_app.web.mail import mail_is_on
from calendar_app.web.presentation import absolute_url, current_workspace, secret_key

from . import bp
from .forms import HandOverForm, InviteForm, MailChoicesForm, MemberForm, PasswordForm, ProfileForm


@bp.route("/settings", methods=["GET", "POST"])
def profile() -> Response | str:
    """The workspace profile, goal, capacity and blackout dates."""
    workspace = current_workspace() or abort(404)
    form = ProfileForm(obj=workspace) if request.method == "GET" else ProfileForm()
    if workspace.currency not in COMMON_CURRENCIES:  # kept as it is when saved again
        form.currency.choices = [*form.currency.choices, *choices([(workspace.currency,) * 2])]
    if request.method == "GET":
        form.topics.data = "\n".join(workspace.topics or [])
        form.products.data = "\n".join(workspace.products or [])
        form.blackout_dates.data = "\n".join(workspace.blackout_dates or [])
    if request.method == "POST" and _validate(form):
        try:
            stats = service.update_profile(workspace, form.data, clock.now())
        except FieldError as exc:
            show_error(exc, form)
        else:
            message = "Settings saved."
            if stats.changed:
                message += (
                    f" The schedule was re-planned ({stats.changed} untouched slots changed)."
                )
            if stats.touched_moved:
                message += f" {stats.touched_moved} items people worked on kept their local times."
            flash(message, "success")
            return redirect(url_for("settings.profile"))
    return render_template(
        "settings/profile.html",
        form=form,
        touched=len(service.touched_in_workspace_zone(clock.now())),
        demo_loaded=current_user.is_owner and demo.has_demo(),
    )


def _validate(form: ProfileForm) -> bool:
    """The form's checks and the profile's together, so that every error shows at once."""
    valid = form.validate_on_submit()
    for name, message in service.profile_problems(form.data).items():
        field = getattr(form, name)
        if not field.errors:
            field.errors.append(message)
        valid = False
    return valid


def _account_page(
    password_form: PasswordForm | None = None,
    member_form: MemberForm | None = None,
    invite_form: InviteForm | None = None,
    new_link: dict[str, str] | None = None,
    hand_over_form: HandOverForm | None = None,
) -> str:
    members = owners.members()
    return render_template(
        "settings/account.html",
        password_form=password_form or PasswordForm(prefix="pw"),
        member_form=member_form or MemberForm(prefix="member"),
        invite_form=invite_form or InviteForm(prefix="invite"),
        hand_over_form=hand_over_form or _hand_over_form(),
        members=members,
        given_roles=roles.GIVEN_ROLES,
        invitations=accounts.pending_invitations() if current_user.is_owner else [],
        # The link of an invitation just made is shown once, in the answer to the form
        # (never in the session cookie); only its digest is stored.
        new_link=new_link,
        now=clock.now(),
        mail_on=mail_is_on(),
        mail_form=MailChoicesForm(prefix="mail", data=current_user.mail_choices),
    )


def _hand_over_form() -> HandOverForm:
    """The hand-over form, offering every member but the owner."""
    form = HandOverForm(prefix="owner")
    form.member.choices = [(m.id, m.email) for m in owners.members() if not m.is_owner]
    return form


def _owner_only() -> None:
    if not current_user.is_owner:
        abort(403)


@bp.route("/settings/remove-demo", methods=["POST"])
def remove_demo() -> Response:
    """The owner removes the demo's rows; whatever people made or worked on stays."""
    _owner_only()
    try:
        removal = media_files.remove_demo(media_store(current_app.config))
    except demo.DemoError as exc:
        flash(str(exc), "info")
    else:
        flash(removal.message(), "success")
    return redirect(url_for("settings.profile"))


@bp.route("/account")
@secret_page
def account() -> str:
    """Change the password, reset the feed, see the team; the owner invites and removes."""
    return _account_page()


@bp.route("/account/password", methods=["POST"])
@secret_page
def change_password() -> Response | str:
    """Change one's own password (the current one is asked for)."""
    form = PasswordForm(prefix="pw")
    if form.validate_on_submit():
        if not accounts.password_matches(current_user, form.current.data or ""):
            form.current.errors.append("That is not your current password.")
        else:
            accounts.set_password(current_user, form.password.data or "")
            login_user(current_user._get_current_object(), fresh=True)  # this session stays
            flash("Password changed. Every other session of yours is logged out.", "success")
            return redirect(url_for("settings.account"))
    return _account_page(password_form=form)


@bp.route("/account/mail", methods=["POST"])
def mail_choices() -> Response:
    """Choose which mails one gets."""
    form = MailChoicesForm(prefix="mail")
    if form.validate_on_submit():
        mail_preferences.set_mail_choices(current_user, form.choices())
        flash("Your mail choices are saved.", "success")
    return redirect(url_for("settings.account") + "#mail")


@bp.route("/account/members", methods=["POST"])
@secret_page
def add_member() -> Response | str:
    """The owner creates an account for a team member, with a first password."""
    _owner_only()
    form = MemberForm(prefix="member")
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data or "", form.password.data or "", secret_key(), role=form.role.data
            )
        except accounts.AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            flash(
                f"Account created for {user.email}; give them the first password in person.",
                "success",
            )
            return redirect(url_for("settings.account"))
    return _account_page(member_form=form)


@bp.route("/account/members/<int:user_id>/remove", methods=["POST"])
def remove_member(user_id: int) -> Response:
    """The owner removes a team member (their ideas and links stay)."""
    _owner_only()
    user = db.session.get(User, user_id) or abort(404)
    email = user.email
    try:
        accounts.remove_user(user, current_user)
    except accounts.AccountError as exc:
        flash(str(exc), "error")
    else:
        flash(f"{email} can no longer log in; their feed addresses are dead.", "success")
    return redirect(url_for("settings.account"))


@bp.route("/account/members/<int:user_id>/role", methods=["POST"])
def member_role(user_id: int) -> Response:
    """The owner gives a team member another role."""
    _owner_only()
    user = db.session.get(User, user_id) or abort(404)
    try:
        roles.set_role(user, request.form.get("role", ""), current_user)
    except FieldError as exc:
        flash(exc.message, "error")
    else:
        flash(f"{user.email} is now {ROLE_LABELS[user.role].lower()}.", "success")
    return redirect(url_for("settings.account") + "#team")


@bp.route("/account/owner", methods=["POST"])
@secret_page
def hand_over() -> Response | str:
    """The owner makes another member the owner (confirmed with their password) and
    becomes an editor."""
    _owner_only()
    form = _hand_over_form()
    if form.validate_on_submit():
        new_owner = db.session.get(User, form.member.data) or abort(404)
        if not accounts.password_matches(current_user, form.password.data or ""):
            form.password.errors.append("That is not your password: nothing changed.")
        else:
            try:
                roles.hand_over(new_owner, current_user)
            except FieldError as exc:
                form.member.errors.append(exc.message)
            else:
                flash(f"{new_owner.email} is now the owner; you are an editor.", "success")
                return redirect(url_for("settings.account") + "#team")
    return _account_page(hand_over_form=form)


@bp.route("/account/invitations", methods=["POST"])
@secret_page
def invite() -> Response | str:
    """The owner makes a one-time link for a new team member."""
    _owner_only()
    form = InviteForm(prefix="invite")
    if form.validate_on_submit():
        try:
            invitation, token = account_mail.invite_by_mail(
                form.email.data or "",
                current_user,
                clock.now(),
                form.role.data or "editor",
                lambda token: absolute_url("auth.join", token=token),
            )
        except accounts.AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            sent = "it is mailed to them" if mail_is_on() else "send them the link below"
            flash(f"Invitation made for {invitation.email}: {sent}.", "success")
            link = {"email": invitation.email, "url": absolute_url("auth.join", token=token)}
            return _account_page(new_link=link)
    return _account_page(invite_form=form)


@bp.route("/account/invitations/<int:invitation_id>/revoke", methods=["POST"])
def revoke_invitation(invitation_id: int) -> Response:
    """The owner withdraws an invitation; its link stops working."""
    _owner_only()
    invitation = db.session.get(Invitation, invitation_id) or abort(404)
    email = invitation.email
    accounts.revoke_invitation(invitation)
    flash(f"The invitation for {email} was withdrawn.", "success")
    return redirect(url_for("settings.account") + "#team")
