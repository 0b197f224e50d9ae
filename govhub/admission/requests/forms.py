"""Admission requests' forms: field shapes only; the services hold the rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from govhub.admission.catalogue.labels import LIST_TYPES
from govhub.admission.catalogue.rules import ListType
from govhub.admission.requests import labels
from govhub.admission.requests.rules import ASKABLE, DECISIONS


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _list_types():
    return [(kind.value, LIST_TYPES[kind]) for kind in ASKABLE]


def _emergencies():
    return [("", _l("No: the normal review"))] + [
        (kind.value, label) for kind, label in labels.EMERGENCIES.items()]


class RequestForm(FlaskForm):
    title = StringField(labels.FIELDS["title"], description=_l("The task, in a few words."))
    description = TextAreaField(labels.FIELDS["description"], render_kw={"rows": 3})
    law = StringField(labels.FIELDS["law"], description=_l("For example 《中华人民共和国统计法》."))
    article = StringField(labels.FIELDS["article"], description=_l("For example 第七条."))
    why_not_itself = TextAreaField(labels.FIELDS["why_not_itself"], render_kw={"rows": 3})
    data_fields = TextAreaField(labels.FIELDS["data_fields"], render_kw={"rows": 4},
                                description=_l("The data the communities would collect or "
                                               "report, one field a line."))
    hours_per_month = StringField(_l("Estimated hours per community per month"),
                                  render_kw={"inputmode": "decimal"})
    period_from = DateField(labels.FIELDS["period_from"], validators=[Optional()])
    period_to = DateField(_l("To (optional)"), validators=[Optional()])
    resources = TextAreaField(labels.FIELDS["resources"], render_kw={"rows": 2},
                              description=_l("Funding, staff and training that come with the "
                                             "task."))
    list_type = SelectField(labels.FIELDS["list_type"], choices=_list_types,
                            default=ListType.ASSISTING_GOVERNMENT.value)
    emergency = SelectField(_l("An emergency that must start at once?"), choices=_emergencies,
                            description=_l("Only for life and property, public safety or "
                                           "public health; it is reviewed afterwards."))
    communities = CheckboxesField(labels.FIELDS["communities"], coerce=int,
                                  validate_choice=False,
                                  description=_l("None ticked: every community your "
                                                 "department covers."))

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "title", "description", "law", "article", "why_not_itself", "data_fields",
            "hours_per_month", "period_from", "period_to", "resources", "list_type",
            "emergency")}


class ViewForm(FlaskForm):
    burden_hours = StringField(_l("Estimated burden (hours per month)"),
                               render_kw={"inputmode": "decimal"})
    stance = RadioField(labels.FIELDS["stance"], choices=lambda: [
        (stance.value, label) for stance, label in labels.STANCES.items()],
        validate_choice=False)
    comment = TextAreaField(labels.FIELDS["comment"], render_kw={"rows": 3})


class DecisionForm(FlaskForm):
    decision = RadioField(labels.FIELDS["decision"], validate_choice=False, choices=lambda: [
        (action.value, labels.DECISIONS[action]) for action in DECISIONS])
    reasons = TextAreaField(labels.FIELDS["reasons"], render_kw={"rows": 3})
    conditions = TextAreaField(labels.FIELDS["conditions"], render_kw={"rows": 2},
                               description=_l("Required when approving with conditions: the "
                                              "resources that must follow the task."))
    code = StringField(_l("Catalogue code (optional)"),
                       description=_l("Empty: GovHub gives one (ZR- and the request's number)."))


class WithdrawForm(FlaskForm):
    reason = StringField(_l("Why (optional)"))


class ButtonForm(FlaskForm):
    """A button's form: its CSRF token only."""
