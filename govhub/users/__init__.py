"""Managing accounts: workers confirm residents, admins create users and set roles."""

from flask import Blueprint

bp = Blueprint("users", __name__, url_prefix="/users")

from govhub.users import views  # noqa: E402,F401
