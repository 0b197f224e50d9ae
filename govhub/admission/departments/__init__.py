"""Departments that ask communities for work, their officers, and each street's reviewers."""
