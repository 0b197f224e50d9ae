"""Partner organizations and their members: register, staff review, profile, invitations."""
