"""Organization forms: field checks only; the services hold the rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from govhub.partners.common import choices_of
from govhub.partners.organizations.labels import KIND_LABELS, MEMBER_ROLE_LABELS

MARKDOWN_HELP = _l("Markdown: **bold**, lists with -, links as [text](https://…).")


class OrganizationForm(FlaskForm):
    name = StringField(_l("Name of the organization"),
                       validators=[DataRequired(), Length(max=120)])
    kind = SelectField(_l("Kind"), choices=choices_of(KIND_LABELS))
    description = TextAreaField(_l("What the organization does"),
                                validators=[Length(max=20_000)], description=MARKDOWN_HELP)
    contact_phone = StringField(_l("Contact phone"), validators=[Length(max=32)],
                                render_kw={"inputmode": "tel", "autocomplete": "tel"})
    contact_email = StringField(_l("Contact e-mail"), validators=[Length(max=254)],
                                render_kw={"inputmode": "email", "autocomplete": "email"})
    website = StringField(_l("Website (optional)"), validators=[Length(max=300)],
                          render_kw={"inputmode": "url"})
    service_area = StringField(_l("Service area"), validators=[Length(max=200)],
                               description=_l("Where you work, e.g. the whole community, or "
                                              "buildings 1 to 6."))
    registration_number = StringField(
        _l("Registration number"), validators=[Length(max=60)],
        description=_l("E.g. the unified social credit code of a registered social "
                       "organization. Staff check it before verifying."))


class ReviewForm(FlaskForm):
    status = HiddenField(validators=[DataRequired(), Length(max=24)])
    reason = TextAreaField(_l("Reason (needed to reject or suspend)"),
                           validators=[Length(max=500)])


class InviteForm(FlaskForm):
    username = StringField(_l("Username of a partner account"),
                           validators=[DataRequired(), Length(max=40)],
                           render_kw={"autocapitalize": "none", "autocomplete": "off"})
    role = SelectField(_l("Role"), choices=choices_of(MEMBER_ROLE_LABELS), default="editor")


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=choices_of(MEMBER_ROLE_LABELS))
