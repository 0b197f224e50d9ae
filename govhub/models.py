"""Every model, imported in one place so that mappers and Alembic see them all."""

from govhub.audit.models import AuditEvent
from govhub.auth.models import ApiToken, User
from govhub.communities.models import Community
from govhub.councils.models import Council, CouncilMembership
from govhub.meetings.models import AgendaItem, Attendance, Meeting, SpeakerEntry
from govhub.notifications.models import Notification

__all__ = ["AgendaItem", "ApiToken", "Attendance", "AuditEvent", "Community", "Council",
           "CouncilMembership", "Meeting", "Notification", "SpeakerEntry", "User"]
