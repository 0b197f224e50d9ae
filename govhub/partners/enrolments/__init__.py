"""Residents' places in sessions: enrolling, the waitlist and its promotions, capacity,
attendance.
"""
