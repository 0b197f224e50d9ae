"""Forms for managing accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from govhub.core.labels import ROLE_LABELS


def role_choices():
    return [(role.value, label) for role, label in ROLE_LABELS.items()]


class CreateUserForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(min=3, max=40)],
                           render_kw={"autocapitalize": "none"})
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Initial password"),
                             validators=[DataRequired(), Length(min=8, max=256)],
                             render_kw={"autocomplete": "new-password"})
    role = SelectField(_l("Role"), choices=role_choices())
    community = SelectField(_l("Community"), coerce=int, validators=[Optional()])
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=32)])


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices())


class ConfirmForm(FlaskForm):
    """The user is in the URL; the council to seat them on (0: none) is chosen per row."""

    # Each row offers its resident's community's councils; the service checks the choice.
    council_id = SelectField(_l("Seat on"), coerce=int, validate_choice=False,
                             validators=[Optional()])
