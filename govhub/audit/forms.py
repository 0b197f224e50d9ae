"""The audit page's filters, read from the query string (GET: no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from govhub.audit import rules
from govhub.audit.labels import ACTIONS, TARGETS, target_label
from govhub.core.models import MAX_ID


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    actor = StringField(_l("Who (username)"), validators=[Optional(), Length(max=40)],
                        render_kw={"autocapitalize": "none", "spellcheck": "false"})
    action = SelectField(_l("What"), validators=[Optional()])
    object_type = SelectField(_l("Kind of object"), validators=[Optional()])
    object_id = IntegerField(_l("Object number"),
                             validators=[Optional(), NumberRange(1, MAX_ID)],
                             render_kw={"inputmode": "numeric"})
    community = SelectField(_l("Community"), validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, communities: list[tuple[int, str]] = (), **kwargs):
        """`communities`: those the reader may choose from, as (id, name)."""
        super().__init__(*args, **kwargs)
        self.action.choices = [("", _l("Any action")), *[(a, a) for a in ACTIONS]]
        self.object_type.choices = [("", _l("Any kind")),
                                    *[(kind, target_label(kind)) for kind in TARGETS]]
        self.community.choices = [("", _l("Every community")),
                                  *[(str(cid), name) for cid, name in communities]]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        problem = rules.range_problem(self.since.data, self.until.data)
        if problem == "range_reversed":
            self.until.errors = [*self.until.errors, _l("The last day comes before the first.")]
        elif problem:
            field = self.since if self.since.data and not (
                rules.FIRST_DAY <= self.since.data <= rules.LAST_DAY) else self.until
            field.errors = [*field.errors, _l("Choose days between the years 2000 and 9998.")]
        return valid and problem is None

    def validate_object_id(self, field) -> None:
        if field.data is not None and not self.object_type.data:
            raise ValidationError(_l("Choose the kind of object too."))
