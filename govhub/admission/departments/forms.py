"""The forms of a street's departments page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import Length

from govhub.admission.departments.models import DepartmentLevel

LEVELS = {DepartmentLevel.DISTRICT: _l("District department"),
          DepartmentLevel.STREET: _l("Street office section")}


def level_label(level) -> str:
    return str(LEVELS[DepartmentLevel(level)])


class DepartmentForm(FlaskForm):
    name = StringField(_l("Name of the department"), validators=[Length(max=120)])
    name_en = StringField(_l("Name in English (optional)"), validators=[Length(max=120)])
    level = SelectField(_l("Level"), validate_choice=True,
                        choices=[(level.value, label) for level, label in LEVELS.items()])


class OfficerForm(FlaskForm):
    department = SelectField(_l("Department"), coerce=int, validate_choice=True)
    username = StringField(_l("Username of the officer's account"),
                           description=_l("An account with the role “Department officer”; "
                                          "an administrator gives the role on the people page."),
                           validators=[Length(max=64)])


class ReviewerForm(FlaskForm):
    reviewer_username = StringField(_l("Username of the reviewer's account"),
                                    description=_l("An account with the role “Admission "
                                                   "reviewer”."),
                                    validators=[Length(max=64)])


class EndForm(FlaskForm):
    user_id = HiddenField()
