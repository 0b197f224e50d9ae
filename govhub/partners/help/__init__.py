"""Partner organizations helping carry out action items: ask, accept, decline, end."""
