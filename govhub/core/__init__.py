"""Shared foundations: the model base, DomainError, guards, roles."""
