"""Proposal forms: field checks only; proposals.services holds the rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from govhub.actions.labels import CATEGORY_LABELS
from govhub.meetings.forms import MARKDOWN_HELP, finite_number
from govhub.proposals.labels import THRESHOLD_KIND_LABELS
from govhub.proposals.services import BODY_MAX, TITLE_MAX

REASON_MAX = 2000


def _category_choices():
    return [(category.value, label) for category, label in CATEGORY_LABELS.items()]


def _kind_choices():
    return [(kind.value, label) for kind, label in THRESHOLD_KIND_LABELS.items()]


class ProposalForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)],
                        description=_l("What you propose, in a few words."))
    body = TextAreaField(_l("Your proposal"), validators=[DataRequired(), Length(max=BODY_MAX)],
                         description=MARKDOWN_HELP, render_kw={"rows": 8})
    category = SelectField(_l("Category"), choices=_category_choices)


class WithdrawForm(FlaskForm):
    reason = TextAreaField(_l("Why you withdraw it"),
                           validators=[DataRequired(), Length(max=REASON_MAX)],
                           description=_l("Shown on the proposal's page."),
                           render_kw={"rows": 3})


class ButtonForm(FlaskForm):
    """Only the CSRF token: what to do is in the URL."""


class SettingsForm(FlaskForm):
    threshold_kind = SelectField(_l("The threshold is"), choices=_kind_choices)
    threshold_value = DecimalField(
        _l("Threshold"), places=None,
        validators=[InputRequired(), finite_number, NumberRange(min=0, max=100_000)],
        render_kw={"inputmode": "decimal"},
        description=_l("A number of supports (e.g. 30), or a share of the residents "
                       "between 0 and 1 (e.g. 0.02 for 2%)."))
    time_limit_days = IntegerField(
        _l("Days to collect supports"), validators=[InputRequired(), NumberRange(1, 3650)],
        render_kw={"inputmode": "numeric"},
        description=_l("After this, a proposal short of its threshold is archived."))
    answer_working_days = IntegerField(
        _l("Working days for the office to answer"),
        validators=[InputRequired(), NumberRange(1, 365)], render_kw={"inputmode": "numeric"})
    supports_public = BooleanField(_l("Residents may see who supports a proposal"),
                                   description=_l("Otherwise only the number is shown; "
                                                  "community workers always see the names."))
