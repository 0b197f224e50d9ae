"""Account forms: field checks only; the services hold the rules."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from govhub.core.languages import SUPPORTED_LOCALES


def locale_choices(blank: bool = True):
    choices = [(code, name) for code, name in SUPPORTED_LOCALES.items()]
    return [("", _l("Browser default")), *choices] if blank else choices


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class RegisterForm(FlaskForm):
    community = SelectField(_l("Community"), coerce=int, validators=[DataRequired()])
    username = StringField(
        _l("Username"), validators=[DataRequired(), Length(min=3, max=40)],
        description=_l("Lower-case letters, digits, dots, dashes and underscores."),
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    display_name = StringField(_l("Your name as others see it"),
                               validators=[DataRequired(), Length(max=80)],
                               render_kw={"autocomplete": "name"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8, max=256)],
                             description=_l("At least 8 characters."),
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Password again"),
                            validators=[DataRequired(),
                                        EqualTo("password", _l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password"})
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=32)],
                        description=_l("Only community workers see your e-mail and phone."),
                        render_kw={"autocomplete": "tel", "inputmode": "tel"})


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Your name as others see it"),
                               validators=[DataRequired(), Length(max=80)])
    locale = SelectField(_l("Language"), choices=locale_choices(), validators=[Optional()])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=32)])


class PasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"),
                                     validators=[DataRequired(), Length(max=256)],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("New password"),
                                 validators=[DataRequired(), Length(min=8, max=256)],
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", _l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Language"), choices=locale_choices(blank=False))
    next = HiddenField()
