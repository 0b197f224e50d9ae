"""What councils tell people: the kinds of notification about seats and requests to join,
and the council's name in the reader's language."""

from __future__ import annotations

from flask import current_app
from flask_babel import get_locale, ngettext
from flask_babel import lazy_gettext as _l

from govhub.notifications.services import notify, register


def council_fields(data: dict) -> dict:
    """The council's name in the reader's language (its English name, when it has one)."""
    locale = str(get_locale() or "")
    if locale.startswith("en") and data.get("council_en"):
        return {"council": data["council_en"]}
    return {}


def council_data(council) -> dict:
    return {"council_id": council.id, "council": council.name, "council_en": council.name_en}


def path(endpoint: str, **values) -> str:
    """A path on this site, built without a request (the CLI and the demo seat people too)."""
    return current_app.url_map.bind("").build(endpoint, values)


register("councils.seated",
         _l("You now sit on %(council)s: you can check in and vote at its meetings."),
         fields=council_fields)
register("councils.join_requested", _l("%(resident)s asks to join %(council)s."),
         lambda n, f: ngettext("%(num)d resident asks to join %(council)s.",
                               "%(num)d residents ask to join %(council)s.", n, **f),
         council_fields)
register("councils.join_approved",
         _l("You now sit on %(council)s: you can check in and vote at its meetings."),
         fields=council_fields)
register("councils.join_declined",
         _l("Your request to join %(council)s was declined: %(reason)s"), fields=council_fields)


def tell_seated(user, council, kind: str = "councils.seated") -> None:
    """The person learns their seat, live and in-app, with a link to the council."""
    notify([user], kind, council_data(council), link=path("councils.show", council_id=council.id))
