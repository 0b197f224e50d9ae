"""Request, decline and rating forms: field checks only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length


class RequestForm(FlaskForm):
    message = TextAreaField(
        _l("Message to the organization (optional)"), validators=[Length(max=2000)],
        description=_l("E.g. when you are at home, or what you need. They see your name and "
                       "contact details with your request."))
    # Asked only for an offering given at home (service_requests.visit_contact checks them).
    phone = StringField(_l("Phone to arrange the visit"), validators=[Length(max=32)],
                        render_kw={"type": "tel", "autocomplete": "tel"})
    address = StringField(_l("Address to visit"), validators=[Length(max=300)],
                          description=_l("Building, unit and room, e.g. 3号楼2单元501."),
                          render_kw={"autocomplete": "street-address"})


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Reason for declining"),
                           validators=[DataRequired(), Length(max=500)])


class RatingForm(FlaskForm):
    score = RadioField(_l("Your rating"), coerce=int, validators=[InputRequired()],
                       choices=[(n, str(n)) for n in range(5, 0, -1)])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Length(max=2000)])
    session_id = HiddenField()
