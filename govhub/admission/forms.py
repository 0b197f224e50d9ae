"""The catalogue's form: a street's CSV to import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.validators import Length


class ImportForm(FlaskForm):
    street = SelectField(_l("Street"), coerce=int, validate_choice=True)
    file = FileField(_l("CSV file"),
                     description=_l("UTF-8, one work item per row, with the columns of the "
                                    "exported file. A bad row refuses the whole file."),
                     render_kw={"accept": ".csv,text/csv"})
    note = StringField(_l("Note (optional)"), validators=[Length(max=500)])
