"""Council forms: field checks only; councils.services holds the rules."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from govhub.councils.labels import KIND_LABELS, MEMBER_ROLE_LABELS, rule_set_choices


def kind_choices():
    return [(kind.value, label) for kind, label in KIND_LABELS.items()]


def member_role_choices():
    return [(role.value, label) for role, label in MEMBER_ROLE_LABELS.items()]


class CouncilForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    name_en = StringField(_l("English name (optional)"), validators=[Length(max=120)])
    kind = SelectField(_l("Kind of council"), choices=kind_choices())
    description = TextAreaField(
        _l("Description"), validators=[Length(max=5000)],
        description=_l("What the council decides and who sits on it. Markdown: **bold**, "
                       "lists with -, links as [text](https://…)."))
    rule_set = SelectField(_l("Rule set for quorum and passing"))
    max_proxies = IntegerField(
        _l("Proxies one present member may hold"), default=1,
        validators=[InputRequired(), NumberRange(min=0, max=10)],
        description=_l("How many absent members one present member may represent (0 to 10)."),
        render_kw={"inputmode": "numeric", "min": 0, "max": 10})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule_set.choices = rule_set_choices()


class SeatMemberForm(FlaskForm):
    # Any id may come back; the service checks that the person belongs to the community.
    user_id = SelectField(_l("Resident"), coerce=int, validate_choice=False,
                          validators=[Optional()])
    username = StringField(
        _l("…or their username"), validators=[Optional(), Length(max=40)],
        description=_l("Type a username when the person is not in the list."),
        render_kw={"autocapitalize": "none", "autocomplete": "off"})
    role = SelectField(_l("Role on the council"), choices=member_role_choices(),
                       default="member")
    vote_weight = StringField(
        _l("Vote weight"), default="1", validators=[DataRequired(), Length(max=12)],
        description=_l("Usually 1; a household sharing a vote may hold 0.5."),
        render_kw={"inputmode": "decimal"})


class MemberForm(FlaskForm):
    role = SelectField(_l("Role on the council"), choices=member_role_choices())
    vote_weight = StringField(_l("Vote weight"), validators=[DataRequired(), Length(max=12)],
                              render_kw={"inputmode": "decimal"})


class ButtonForm(FlaskForm):
    """Only the CSRF token: what to do is in the URL."""


class JoinForm(FlaskForm):
    message = TextAreaField(
        _l("A word for the community worker (optional)"), validators=[Length(max=500)],
        description=_l("For example your building and flat, so that they know where you live."),
        render_kw={"rows": 2})


class ApproveJoinForm(FlaskForm):
    vote_weight = StringField(_l("Vote weight"), default="1",
                              validators=[DataRequired(), Length(max=12)],
                              render_kw={"inputmode": "decimal"})


class DeclineJoinForm(FlaskForm):
    reason = StringField(_l("Why not (the resident reads this)"),
                         validators=[DataRequired(), Length(max=500)])
