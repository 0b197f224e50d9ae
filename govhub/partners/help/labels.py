"""Asks for help in words."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.partners.help.models import HelpStatus

HELP_STATUS_LABELS = {
    HelpStatus.ASKED: _l("Asked"), HelpStatus.ACCEPTED: _l("Accepted"),
    HelpStatus.DECLINED: _l("Declined"), HelpStatus.WITHDRAWN: _l("Taken back"),
    HelpStatus.ENDED: _l("Ended"),
}


def help_status_label(status) -> str:
    return str(HELP_STATUS_LABELS.get(status, status))
