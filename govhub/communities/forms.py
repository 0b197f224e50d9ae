"""Community forms."""

import zoneinfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from govhub.auth.forms import locale_choices


class CommunityForm(FlaskForm):
    slug = StringField(_l("Short name (for web addresses)"),
                       validators=[DataRequired(), Length(min=2, max=60)],
                       description=_l("Lower-case letters, digits and dashes, e.g. xingfuli."))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    name_en = StringField(_l("English name (optional)"), validators=[Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    timezone = SelectField(_l("Time zone"), default="Asia/Shanghai",
                           choices=sorted(zoneinfo.available_timezones()))
    locale = SelectField(_l("Main language"), default="zh_CN",
                         choices=locale_choices(blank=False))
