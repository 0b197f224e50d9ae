"""Offerings (given on request or in sessions with places), their sessions and schedules,
and the keyword search over them.
"""
