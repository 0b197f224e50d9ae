"""Issuing a listed certificate, or answering a request for another type."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField
from wtforms.validators import InputRequired, Length, Optional


class IssueForm(FlaskForm):
    certificate = RadioField(_l("Certificate"), validate_choice=True,
                             validators=[InputRequired(_l("Choose a certificate."))])
    resident_username = StringField(_l("The resident's username"),
                                    validators=[Optional(), Length(max=80)],
                                    description=_l("If the resident has an account."))
    resident_name = StringField(_l("Or the resident's name"),
                                validators=[Optional(), Length(max=120)],
                                description=_l("For a resident without an account. Never "
                                               "shown in public."))
    issued_on = DateField(_l("Day issued"), validators=[InputRequired()])


class OtherForm(FlaskForm):
    what = StringField(_l("Which certificate was asked for"),
                       validators=[Length(max=500)])
    who_asks = StringField(_l("Who asks for it (optional)"),
                           validators=[Optional(), Length(max=120)],
                           description=_l("The department or body that wants it."))


def issue_form(items, locale: str, today) -> IssueForm:
    form = IssueForm()
    form.certificate.choices = [(i.code, i.display_name(locale)) for i in items]
    if form.issued_on.data is None and not form.is_submitted():
        form.issued_on.data = today
    return form
