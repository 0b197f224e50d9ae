"""Proposals over the JSON API (routes on api_bp)."""
