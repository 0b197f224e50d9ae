"""Poll forms: field checks only; voting.services holds the rules.

Ballots are not WTForms: their fields depend on the poll (views.ballot_payload
reads them), and the live room sends the same ballot over the socket.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from govhub.councils.labels import rule_set_choices, rule_set_label
from govhub.voting import kinds
from govhub.voting.services import OPTIONS_MAX


class PollForm(FlaskForm):
    item_id = SelectField(_l("Agenda item"), coerce=int, validate_choice=True)
    title = StringField(_l("Question"), validators=[DataRequired(), Length(max=300)],
                        description=_l("As members will read it, e.g. “Do we adopt the "
                                       "external lift design for building 1?”"))
    kind = RadioField(_l("Kind of poll"), default="yes_no_abstain")  # choices: the kinds
    options = TextAreaField(
        _l("Options, one per line"), validators=[Length(max=20 * 210)],
        description=_l("For single, multiple and ranked choice: 2 to %(max)d options.",
                       max=OPTIONS_MAX))
    min_choices = IntegerField(_l("Choose at least"), validators=[Optional(), NumberRange(1, 20)],
                               render_kw={"inputmode": "numeric", "min": "1", "max": "20"})
    max_choices = IntegerField(_l("Choose at most"), validators=[Optional(), NumberRange(1, 20)],
                               description=_l("Multiple choice only; empty: as many as there "
                                              "are options."),
                               render_kw={"inputmode": "numeric", "min": "1", "max": "20"})
    ballot = RadioField(_l("Ballot"), default="named", choices=[
        ("named", _l("Named: the roll call shows who voted what")),
        ("secret", _l("Secret: nothing stored tells who voted what")),
    ])
    results = RadioField(_l("Results"), default="live", choices=[
        ("live", _l("Shown live while members vote")),
        ("close", _l("Shown only when the poll closes")),
    ])
    allow_change = BooleanField(
        _l("Members may change their vote while the poll is open"), default=True,
        description=_l("A secret ballot cannot be changed once cast."))
    rule_set = SelectField(_l("Passing rule"), default="")
    next = HiddenField()

    def __init__(self, *args, items=(), council_rule: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kinds.choices()
        self.item_id.choices = [(item.id, f"{n}. {item.title}") for n, item in
                                enumerate(items, 1)]
        self.rule_set.choices = [
            ("", _l("The council's rule: %(rule)s", rule=rule_set_label(council_rule))),
            *rule_set_choices()]

    def option_lines(self) -> list[str]:
        return [line.strip() for line in (self.options.data or "").splitlines() if line.strip()]
