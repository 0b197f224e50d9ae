"""Residents' proposals: written, supported to a threshold, queued onto a council's agenda,
answered, and traced to the resolution and action items they led to."""
