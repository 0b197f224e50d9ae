"""Forms for asking an organization to help, and for a reason."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    SelectField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length


class AskHelpForm(FlaskForm):
    """A worker asks an organization to help carry out an action item."""

    organization_id = SelectField(_l("Organization"), coerce=int, validate_choice=False)
    offering_id = SelectField(_l("Which of its offerings (optional)"), coerce=int,
                              validate_choice=False)
    message = TextAreaField(_l("Message to the organization"), validators=[Length(max=2000)],
                            description=_l("What help the item needs, and by when."),
                            render_kw={"rows": 3})


class HelpReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=500)],
                           render_kw={"rows": 2})
