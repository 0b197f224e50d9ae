"""Admission requests: a department asks, the communities give their view, the street's
reviewers decide, and an approval becomes an item of the street's catalogue."""
