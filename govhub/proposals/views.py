"""Proposal pages (routes on bp)."""
