"""Hours' forms: the quick entry, editing an entry, and the week's sheet (field checks only;
the rules are the services')."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from govhub.admission.hours.rules import MINUTES_A_DAY, NOTE_MAX, QUICK_MINUTES


class QuickForm(FlaskForm):
    target = SelectField(_l("What for"), validate_choice=True)
    quick = RadioField(_l("How long"), choices=[(str(m), str(m)) for m in QUICK_MINUTES],
                       validators=[Optional()], validate_choice=True)
    minutes = IntegerField(_l("Or minutes"), validators=[
        Optional(), NumberRange(min=1, max=MINUTES_A_DAY)],
        render_kw={"inputmode": "numeric", "min": 1, "max": MINUTES_A_DAY})
    day = DateField(_l("Day"), validators=[Optional()])
    note = StringField(_l("Note (optional)"), validators=[Length(max=NOTE_MAX)])

    def chosen_minutes(self) -> int | None:
        if self.minutes.data is not None:
            return self.minutes.data
        return int(self.quick.data) if self.quick.data else None


class EntryForm(FlaskForm):
    minutes = IntegerField(_l("Minutes"), validators=[
        InputRequired(), NumberRange(min=1, max=MINUTES_A_DAY)],
        render_kw={"inputmode": "numeric"})
    day = DateField(_l("Day"), validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Length(max=NOTE_MAX)])


class SheetForm(FlaskForm):
    """The sheet's cells are read by `read_cells`; the form carries the CSRF token."""


class RangeForm(FlaskForm):
    class Meta:
        csrf = False

    weeks = SelectField(_l("Weeks"), choices=[(str(n), str(n)) for n in (4, 8, 13, 26, 52)],
                        default="8")


def cell_name(key: str, day: date) -> str:
    return f"cell-{key}-{day.isoformat()}"


def read_cells(formdata, keys: list[str], days: list[date]):
    """The sheet's minutes per (target, day): empty is 0; returns (cells, bad cell names)."""
    cells, bad = {}, []
    for key in keys:
        for day in days:
            name = cell_name(key, day)
            text = (formdata.get(name) or "").strip()
            if not text:
                cells[(key, day)] = 0
            elif text.isdigit() and len(text) <= 5:
                cells[(key, day)] = int(text)
            else:
                bad.append(name)
    return cells, bad
