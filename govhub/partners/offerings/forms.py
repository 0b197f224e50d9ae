"""Offering and session forms, and the browse page's filters: field checks only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from govhub.partners.checks import MAX_CAPACITY
from govhub.partners.common import choices_of
from govhub.partners.offerings.labels import CATEGORY_LABELS, MODE_LABELS, weekday_names
from govhub.partners.offerings.rules import MAX_SESSIONS_PER_SCHEDULE
from govhub.partners.offerings.search import QUERY_MAX
from govhub.partners.organizations.forms import MARKDOWN_HELP

YEARS = (2000, 2100)


def _sane_year(form, field):
    if field.data is not None and not YEARS[0] <= field.data.year <= YEARS[1]:
        raise ValidationError(_l("Choose a date between %(first)d and %(last)d.",
                                 first=YEARS[0], last=YEARS[1]))


def _capacity(**kwargs) -> IntegerField:
    return IntegerField(
        _l("Places"), validators=[InputRequired(), NumberRange(min=1, max=MAX_CAPACITY)],
        render_kw={"inputmode": "numeric", "min": 1, "max": MAX_CAPACITY}, **kwargs)


class OfferingForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    category = SelectField(_l("Category"), choices=choices_of(CATEGORY_LABELS))
    mode = RadioField(_l("How residents take part"), choices=choices_of(MODE_LABELS),
                      default="sessions")
    description = TextAreaField(_l("Description"), validators=[Length(max=20_000)],
                                description=MARKDOWN_HELP)
    eligibility = TextAreaField(_l("Who may take part"), validators=[Length(max=1000)],
                                description=_l("E.g. residents aged 60 and over."))
    location_name = StringField(_l("Place"), validators=[Length(max=200)],
                                description=_l("E.g. the community centre, room 101."))
    address = StringField(_l("Address"), validators=[Length(max=300)])
    at_home = BooleanField(_l("Given at the resident's home (a visit)"),
                           description=_l("A resident who requests it must leave a phone "
                                          "number and the address to visit."))
    price = StringField(_l("Price in yuan"), validators=[Length(max=12)],
                        description=_l("Leave empty if it is free."),
                        render_kw={"inputmode": "decimal"})


class StepForm(FlaskForm):
    status = HiddenField(validators=[DataRequired(), Length(max=24)])


class SessionForm(FlaskForm):
    date = DateField(_l("Date"), validators=[InputRequired(), _sane_year])
    starts_time = TimeField(_l("Starts at"), validators=[InputRequired()])
    ends_time = TimeField(_l("Ends at"), validators=[InputRequired()])
    capacity = _capacity()


class WeeklyForm(FlaskForm):
    weekday = SelectField(_l("Every"), coerce=int)
    starts_time = TimeField(_l("Starts at"), validators=[InputRequired()])
    ends_time = TimeField(_l("Ends at"), validators=[InputRequired()])
    first_date = DateField(_l("From"), validators=[InputRequired(), _sane_year])
    count = IntegerField(
        _l("Number of sessions"),
        validators=[Optional(), NumberRange(min=1, max=MAX_SESSIONS_PER_SCHEDULE)],
        render_kw={"inputmode": "numeric", "min": 1, "max": MAX_SESSIONS_PER_SCHEDULE})
    until = DateField(_l("…or until"), validators=[Optional(), _sane_year],
                      description=_l("Give a number of sessions or a last date."))
    capacity = _capacity()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.weekday.choices = weekday_names()


class CapacityForm(FlaskForm):
    capacity = _capacity()


class BrowseForm(FlaskForm):
    """The browse page's filters, read from the query string."""

    class Meta:
        csrf = False

    q = StringField(_l("Keywords"), validators=[Optional(), Length(max=QUERY_MAX)],
                    render_kw={"type": "search", "enterkeyhint": "search",
                               "maxlength": QUERY_MAX})
    category = SelectField(_l("Category"), validators=[Optional()])
    day = DateField(_l("Date"), validators=[Optional(), _sane_year])
    place = SelectField(_l("Place"), validators=[Optional()])

    def __init__(self, *args, places: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [("", _l("All categories")), *choices_of(CATEGORY_LABELS)]
        self.place.choices = [("", _l("All places")), *[(p, p) for p in places]]
