"""Forms for logging in and the first-run setup."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from calendar_app.domain.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from calendar_app.web.forms import SingleLine, timezone_choices

PASSWORD_LENGTH = Length(
    min=MIN_PASSWORD_LENGTH,
    max=MAX_PASSWORD_LENGTH,
    message=f"Use {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters.",
)


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        "Password", validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )


class SetupForm(FlaskForm):
    """The owner account, and the workspace if there is none yet."""

    workspace_name = StringField("Team or company name", validators=[Length(max=120), SingleLine()])
    timezone = SelectField("Time zone", choices=timezone_choices(), default="UTC")
    email = EmailField("Your e-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        "Password",
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        "Password again", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )


class AcceptInvitationForm(FlaskForm):
    """The invited member chooses a password."""

    password = PasswordField(
        "Choose a password",
        validators=[DataRequired(), PASSWORD_LENGTH],
    )
    confirm = PasswordField(
        "Password again", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )


class ForgotPasswordForm(FlaskForm):
    """The address a password-reset link is mailed to."""

    email = EmailField("Your e-mail", validators=[DataRequired(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    """A new password, from a reset link."""

    password = PasswordField("New password", validators=[DataRequired(), PASSWORD_LENGTH])
    confirm = PasswordField(
        "Password again", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )
