"""Partner organizations, their service offerings, and residents' enrolments and requests."""
