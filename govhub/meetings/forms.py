"""Meeting forms: field checks only; meetings.services holds the rules."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    StringField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, StopValidation

MAX_INITIAL_ITEMS = 50
YEARS = (2000, 2100)


def finite_number(form, field):
    """NaN and infinities are not numbers of minutes (and upset later checks)."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_l("Type a number."))
MARKDOWN_HELP = _l("Markdown: **bold**, lists with -, links as [text](https://…).")


class MeetingForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    date = DateField(_l("Date"), validators=[InputRequired()])
    time = TimeField(_l("Starts at"), validators=[InputRequired()])
    place = StringField(_l("Place"), validators=[Length(max=200)],
                        description=_l("E.g. the community centre's meeting room, 2nd floor."))
    description = TextAreaField(_l("What the meeting is about"),
                                validators=[Length(max=20_000)], description=MARKDOWN_HELP)
    is_public = BooleanField(
        _l("Public: anyone may follow the meeting and read its record"), default=True)
    speaking_minutes = DecimalField(
        _l("Speaking time per speaker, in minutes"), default=Decimal(3), places=None,
        validators=[InputRequired(), finite_number, NumberRange(min=Decimal("0.25"), max=60)],
        description=_l("From a quarter of a minute to 60 minutes; the chair can change it "
                       "during the meeting."),
        render_kw={"inputmode": "decimal", "step": "0.25", "min": "0.25", "max": "60"})

    def validate_date(self, field):
        if field.data is not None and not YEARS[0] <= field.data.year <= YEARS[1]:
            raise ValidationError(_l("Choose a date between %(first)d and %(last)d.",
                                     first=YEARS[0], last=YEARS[1]))

    def speaking_seconds(self) -> int:
        return int(round(self.speaking_minutes.data * 60))


class NewMeetingForm(MeetingForm):
    items = TextAreaField(
        _l("Agenda, one item per line"), validators=[Length(max=20_000)],
        description=_l("You can add descriptions, reorder and add items later."))

    def validate_items(self, field):
        lines = self.item_titles()
        if len(lines) > MAX_INITIAL_ITEMS:
            raise ValidationError(_l("At most %(max)d agenda items at once.",
                                     max=MAX_INITIAL_ITEMS))
        if any(len(line) > 200 for line in lines):
            raise ValidationError(_l("Each agenda item's title has at most 200 characters."))

    def item_titles(self) -> list[str]:
        return [" ".join(line.split()) for line in (self.items.data or "").splitlines()
                if line.strip()]


class AgendaItemForm(FlaskForm):
    title = StringField(_l("Agenda item"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description (optional)"),
                                validators=[Length(max=20_000)], description=MARKDOWN_HELP)


class MinutesForm(FlaskForm):
    minutes = TextAreaField(
        _l("Minutes"), validators=[Length(max=100_000)],
        description=_l("Markdown: # headings, **bold**, lists with - or 1., "
                       "links as [text](https://…). HTML is shown as text."))


class StepForm(FlaskForm):
    """A meeting's next stage, chosen by the button pressed."""

    status = StringField(validators=[DataRequired(), Length(max=24)])


class MoveItemForm(FlaskForm):
    direction = StringField(validators=[DataRequired(), Length(max=8)])


class ButtonForm(FlaskForm):
    """Only the CSRF token: what to do is in the URL."""


class JoinForm(FlaskForm):
    """The code shown on the projector; read by GET, so no CSRF token is needed."""

    class Meta:
        csrf = False

    code = StringField(_l("Join code"), validators=[DataRequired(), Length(min=4, max=8)],
                       render_kw={"autocapitalize": "characters", "autocomplete": "off",
                                  "spellcheck": "false", "maxlength": 8})
