"""Deliberation forms: the CSRF token and the fields; comments.py checks the text, the
stance and the reason (one message, the same over the API)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField

from govhub.proposals.comments import COMMENT_MAX, REASON_MAX
from govhub.proposals.rules import Stance

# "stance": a comment's, not a poll's question (表决事项) nor a proposal's support.
STANCE_LABELS = {Stance.FOR: lazy_pgettext("stance", "For"),
                 Stance.AGAINST: lazy_pgettext("stance", "Against"),
                 Stance.QUESTION: lazy_pgettext("stance", "Question")}


def _stance_choices():
    return [(stance.value, label) for stance, label in STANCE_LABELS.items()]


class CommentForm(FlaskForm):
    """A comment with its stance, or (with parent_id) a reply, which has none."""

    body = TextAreaField(_l("Your comment"), render_kw={"rows": 4, "maxlength": COMMENT_MAX})
    stance = RadioField(_l("Your stance"), choices=_stance_choices, validate_choice=False)
    parent_id = HiddenField()


class ReasonForm(FlaskForm):
    """A moderator's hide or restore: the reason residents see."""

    reason = TextAreaField(_l("Reason"), render_kw={"rows": 2, "maxlength": REASON_MAX})
