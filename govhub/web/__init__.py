"""The web shell around the features: error pages, response headers and the session
cookie, the request's language, and the helpers every HTML view shares.

create_app() installs the first three (their init_app); views import view_helpers.
"""
