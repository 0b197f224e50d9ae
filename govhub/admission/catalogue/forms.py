"""The catalogue's form: a street's CSV to import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.validators import Length


class StreetForm(FlaskForm):
    name = StringField(_l("Name of the street office"), validators=[Length(max=120)])
    name_en = StringField(_l("Name in English (optional)"), validators=[Length(max=120)])


class PlaceForm(FlaskForm):
    community = SelectField(_l("Community"), coerce=int, validate_choice=True)
    place_street = SelectField(_l("Its street"), coerce=int, validate_choice=True)


class ImportForm(FlaskForm):
    street = SelectField(_l("Street"), coerce=int, validate_choice=True)
    file = FileField(_l("CSV file"),
                     description=_l("UTF-8, one work item per row, with the columns of the "
                                    "exported file. A bad row refuses the whole file."),
                     render_kw={"accept": ".csv,text/csv"})
    note = StringField(_l("Note (optional)"), validators=[Length(max=500)])
