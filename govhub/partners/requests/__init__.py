"""Residents' service requests to on-request offerings, the organization's answers, and
ratings of the services received.
"""
