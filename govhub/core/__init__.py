"""Shared foundations: settings, the model base, DomainError, guards, roles."""
