"""The two-tap form: who asked, how it arrived, the day (today unless changed), what."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from govhub.admission.refusals.labels import CHANNELS

OTHER = 0  # the department tile for one not covering the community


class RefusalForm(FlaskForm):
    department = RadioField(_l("Who asked"), coerce=int, validate_choice=True,
                            validators=[InputRequired(_l("Choose who asked."))])
    other_department = StringField(_l("If another: its name"),
                                   validators=[Optional(), Length(max=120)])
    channel = RadioField(_l("How it arrived"), validate_choice=True,
                         choices=[(c.value, label) for c, label in CHANNELS.items()],
                         validators=[InputRequired(_l("Choose how it arrived."))])
    asked_on = DateField(_l("Day it arrived"), validators=[InputRequired()])
    what = StringField(_l("What was asked"), validators=[Length(max=500)],
                       description=_l("A few words, e.g. “fill in the enterprise "
                                      "statistics form”."))
    work_item = SelectField(_l("The matching catalogue item (optional)"), coerce=int,
                            validate_choice=True)


def refusal_form(departments, items, locale: str, today) -> RefusalForm:
    """The form with the community's departments and catalogue items as its choices."""
    form = RefusalForm()
    form.department.choices = [(d.id, d.display_name(locale)) for d in departments] + [
        (OTHER, _l("Another department"))]
    form.work_item.choices = [(0, _l("None: just tell me the rule"))] + [
        (i.id, f"{i.code} {i.display_name(locale)}") for i in items]
    if form.asked_on.data is None and not form.is_submitted():
        form.asked_on.data = today
    if form.work_item.data is None:
        form.work_item.data = 0
    return form
