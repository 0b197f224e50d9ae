"""Enrolment forms: field checks only."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
)
from wtforms.validators import DataRequired, Length


class EnrolForm(FlaskForm):
    waitlist = HiddenField()
    next = HiddenField()


class AttendanceForm(FlaskForm):
    attended = HiddenField(validators=[DataRequired(), Length(max=1)])
