"""Room names are built on the server only; clients send ids, never rooms."""

NAMESPACE = "/live"


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def meeting_room(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def meeting_chair_room(meeting_id: int) -> str:
    return f"meeting:{meeting_id}:chair"


def organization_room(organization_id: int) -> str:
    """The members of a partner organization, watching its requests and enrolments."""
    return f"organization:{organization_id}"
