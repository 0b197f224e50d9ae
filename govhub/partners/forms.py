"""Partner forms: field checks only; the services hold the rules."""

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
from govhub.partners.labels import (
    CATEGORY_LABELS,
    KIND_LABELS,
    MEMBER_ROLE_LABELS,
    MODE_LABELS,
    weekday_names,
)
from govhub.partners.rules import MAX_SESSIONS_PER_SCHEDULE
from govhub.partners.search import QUERY_MAX

MARKDOWN_HELP = _l("Markdown: **bold**, lists with -, links as [text](https://…).")
YEARS = (2000, 2100)


def _choices(labels: dict) -> list[tuple[str, object]]:
    return [(key.value, label) for key, label in labels.items()]


def _sane_year(form, field):
    if field.data is not None and not YEARS[0] <= field.data.year <= YEARS[1]:
        raise ValidationError(_l("Choose a date between %(first)d and %(last)d.",
                                 first=YEARS[0], last=YEARS[1]))


def _capacity(**kwargs) -> IntegerField:
    return IntegerField(
        _l("Places"), validators=[InputRequired(), NumberRange(min=1, max=MAX_CAPACITY)],
        render_kw={"inputmode": "numeric", "min": 1, "max": MAX_CAPACITY}, **kwargs)


class OrganizationForm(FlaskForm):
    name = StringField(_l("Name of the organization"),
                       validators=[DataRequired(), Length(max=120)])
    kind = SelectField(_l("Kind"), choices=_choices(KIND_LABELS))
    description = TextAreaField(_l("What the organization does"),
                                validators=[Length(max=20_000)], description=MARKDOWN_HELP)
    contact_phone = StringField(_l("Contact phone"), validators=[Length(max=32)],
                                render_kw={"inputmode": "tel", "autocomplete": "tel"})
    contact_email = StringField(_l("Contact e-mail"), validators=[Length(max=254)],
                                render_kw={"inputmode": "email", "autocomplete": "email"})
    website = StringField(_l("Website (optional)"), validators=[Length(max=300)],
                          render_kw={"inputmode": "url"})
    service_area = StringField(_l("Service area"), validators=[Length(max=200)],
                               description=_l("Where you work, e.g. the whole community, or "
                                              "buildings 1 to 6."))
    registration_number = StringField(
        _l("Registration number"), validators=[Length(max=60)],
        description=_l("E.g. the unified social credit code of a registered social "
                       "organization. Staff check it before verifying."))


class ReviewForm(FlaskForm):
    status = HiddenField(validators=[DataRequired(), Length(max=24)])
    reason = TextAreaField(_l("Reason (needed to reject or suspend)"),
                           validators=[Length(max=500)])


class InviteForm(FlaskForm):
    username = StringField(_l("Username of a partner account"),
                           validators=[DataRequired(), Length(max=40)],
                           render_kw={"autocapitalize": "none", "autocomplete": "off"})
    role = SelectField(_l("Role"), choices=_choices(MEMBER_ROLE_LABELS), default="editor")


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=_choices(MEMBER_ROLE_LABELS))


class ButtonForm(FlaskForm):
    """Only the CSRF token: what to do is in the URL."""


class OfferingForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    category = SelectField(_l("Category"), choices=_choices(CATEGORY_LABELS))
    mode = RadioField(_l("How residents take part"), choices=_choices(MODE_LABELS),
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


class EnrolForm(FlaskForm):
    waitlist = HiddenField()
    next = HiddenField()


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


class AttendanceForm(FlaskForm):
    attended = HiddenField(validators=[DataRequired(), Length(max=1)])


class RatingForm(FlaskForm):
    score = RadioField(_l("Your rating"), coerce=int, validators=[InputRequired()],
                       choices=[(n, str(n)) for n in range(5, 0, -1)])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Length(max=2000)])
    session_id = HiddenField()


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
        self.category.choices = [("", _l("All categories")), *_choices(CATEGORY_LABELS)]
        self.place.choices = [("", _l("All places")), *[(p, p) for p in places]]


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
