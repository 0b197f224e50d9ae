"""Every model, imported in one place so that mappers and Alembic see them all."""

from govhub.accountability.models import ActionReminder, ResolutionFollower
from govhub.actions.models import ActionItem, ActionUpdate, Evidence
from govhub.admission.catalogue.models import CatalogueVersion, Street, StreetCommunity, WorkItem
from govhub.admission.certificates.models import Certificate
from govhub.admission.departments.models import (
    Department,
    DepartmentCommunity,
    DepartmentOfficer,
    StreetReviewer,
)
from govhub.admission.hours.models import (
    ItemWeeklyHours,
    MonthlyHours,
    TimeEntry,
    WeeklyHours,
)
from govhub.admission.refusals.models import Refusal
from govhub.admission.requests.models import (
    AdmissionReminder,
    AdmissionRequest,
    AdmissionRequestCommunity,
    AdmissionView,
)
from govhub.audit.models import AuditEvent
from govhub.auth.models import ApiToken, User, UserSession
from govhub.communities.models import Community
from govhub.councils.models import Council, CouncilMembership, JoinRequest
from govhub.meetings.models import AgendaItem, Attendance, Meeting, SpeakerEntry
from govhub.notifications.models import Notification
from govhub.partners.enrolments.models import Enrolment
from govhub.partners.help.models import HelpRequest
from govhub.partners.offerings.models import Offering, OfferingSchedule, OfferingSession
from govhub.partners.offerings.search import OfferingSearch
from govhub.partners.organizations.models import Organization, OrganizationMember
from govhub.partners.requests.models import Rating, ServiceRequest
from govhub.proposals.models import (
    CommentReport,
    CommentRevision,
    Proposal,
    ProposalComment,
    ProposalSettings,
    ProposalSupport,
)
from govhub.proposals.search import ProposalSearch
from govhub.voting.models import (
    Ballot,
    Entitlement,
    Poll,
    PollOption,
    Receipt,
    Resolution,
    SecretBallot,
)

__all__ = [
    "AdmissionReminder", "AdmissionRequest", "AdmissionRequestCommunity", "AdmissionView",
    "ActionItem", "ActionReminder", "ActionUpdate", "AgendaItem", "ApiToken", "Attendance",
    "AuditEvent", "Ballot", "CatalogueVersion", "Certificate", "CommentReport", "CommentRevision",
    "Community", "Council", "CouncilMembership", "Department", "DepartmentCommunity",
    "DepartmentOfficer", "Enrolment", "Entitlement", "Evidence",
    "HelpRequest", "ItemWeeklyHours", "JoinRequest", "Meeting", "MonthlyHours", "Notification",
    "Offering", "OfferingSchedule",
    "OfferingSearch", "OfferingSession", "Organization", "OrganizationMember", "Poll",
    "PollOption", "Proposal", "ProposalComment", "ProposalSearch", "ProposalSettings",
    "ProposalSupport", "Rating", "Receipt", "Refusal", "Resolution", "ResolutionFollower",
    "SecretBallot",
    "ServiceRequest", "SpeakerEntry", "Street", "StreetCommunity", "StreetReviewer", "User",
    "UserSession",
    "TimeEntry", "WeeklyHours",
    "WorkItem",
]
