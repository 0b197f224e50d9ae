"""The words of certificates: what a bad entry is told."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

PROBLEMS = {
    ("issued_on", "required"): _l("Give the day the certificate is issued."),
    ("issued_on", "future"): _l("The day cannot be in the future."),
    ("issued_on", "too_old"): _l("Record a certificate within a year of issuing it."),
    ("resident", "required"): _l("Choose the resident's account, or type their name."),
    ("resident", "too_long"): _l("A name is at most 120 characters."),
    ("resident", "unknown"): _l("No resident of this community has that username."),
}
