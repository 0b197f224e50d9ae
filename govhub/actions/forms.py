"""Action item forms: field checks only; actions.services holds the rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from govhub.actions.labels import CATEGORY_LABELS
from govhub.actions.services import NOTE_MAX, REASON_MAX, TEXT_MAX, TITLE_MAX
from govhub.core.uploads import UPLOAD_FILES_MAX
from govhub.meetings.forms import MARKDOWN_HELP, finite_number

ACCEPT = "image/png,image/jpeg,image/webp,application/pdf"


def _category_choices():
    return [(category.value, label) for category, label in CATEGORY_LABELS.items()]


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes: easier than a multiple select on a phone."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class EditItemForm(FlaskForm):
    title = StringField(_l("What is to be done"), validators=[DataRequired(),
                                                              Length(max=TITLE_MAX)])
    description = TextAreaField(_l("Details (optional)"), validators=[Length(max=TEXT_MAX)],
                                description=MARKDOWN_HELP)
    due_on = DateField(_l("Due date"), validators=[InputRequired()])
    category = SelectField(_l("Category"), choices=_category_choices)
    estimated_hours = DecimalField(
        _l("Estimated effort in hours (optional)"), places=None,
        validators=[Optional(), finite_number, NumberRange(min=0, max=10_000)],
        render_kw={"inputmode": "decimal", "step": "0.5", "min": "0", "max": "10000"},
        description=_l("For the community office's view of who carries how much."))
    is_public = BooleanField(_l("Public: anyone may follow this item and its check-ins"))


class NewItemForm(EditItemForm):
    owner_id = SelectField(_l("Owner (a community worker)"), coerce=int,
                           validators=[InputRequired()])
    helper_ids = CheckboxesField(_l("Colleagues who help (optional)"), coerce=int,
                                 validators=[Optional()])


class ReassignForm(FlaskForm):
    owner_id = SelectField(_l("New owner"), coerce=int, validators=[InputRequired()])


class HelperForm(FlaskForm):
    username = StringField(_l("Username of a helper"), validators=[DataRequired(),
                                                                    Length(max=40)],
                           description=_l("A community worker, a resident or a partner of "
                                          "this community."),
                           render_kw={"autocapitalize": "off", "autocomplete": "off",
                                      "spellcheck": "false"})


class CheckInForm(FlaskForm):
    note = TextAreaField(_l("What happened"), validators=[Length(max=NOTE_MAX)])
    status = SelectField(_l("Status"), validate_choice=False)
    reason = TextAreaField(_l("Why the status changes"), validators=[Length(max=REASON_MAX)],
                           description=_l("Required when the status changes; shown on the "
                                          "public record."),
                           render_kw={"rows": 2})
    progress = IntegerField(_l("Progress in percent (optional)"),
                            validators=[Optional(), NumberRange(min=0, max=100)],
                            render_kw={"inputmode": "numeric", "min": "0", "max": "100",
                                       "step": "5"})
    files = MultipleFileField(
        _l("Photos or PDFs (optional)"),
        description=_l("Up to %(num)d files: PNG, JPEG, WebP or PDF.", num=UPLOAD_FILES_MAX),
        render_kw={"accept": ACCEPT})
    corrects_id = HiddenField()


class ReviewForm(FlaskForm):
    """Verify a done item, or send it back: the button pressed says which."""

    reason = TextAreaField(_l("What you checked, or what is still missing"),
                           validators=[DataRequired(), Length(max=REASON_MAX)],
                           render_kw={"rows": 2})
    decision = StringField(validators=[DataRequired(), Length(max=12)])


class ButtonForm(FlaskForm):
    """Only the CSRF token: what to do is in the URL."""
