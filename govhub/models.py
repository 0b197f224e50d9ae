"""Every model, imported in one place so that mappers and Alembic see them all."""

from govhub.audit.models import AuditEvent
from govhub.auth.models import ApiToken, User
from govhub.communities.models import Community
from govhub.councils.models import Council, CouncilMembership

__all__ = ["ApiToken", "AuditEvent", "Community", "Council", "CouncilMembership", "User"]
