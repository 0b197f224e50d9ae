"""The audit trail in words: what each action, kind of object and detail is called.

Every action a service records has its label here; an action without one (a new service
that forgot to add it) is shown by its code, and tests/audit asserts that none is missing.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

ACTIONS = {
    # accounts, sign-ins and devices
    "user.registered": _l("Registered an account"),
    "user.created": _l("Created an account"),
    "user.confirmed": _l("Confirmed an account"),
    "user.role_changed": _l("Changed an account's role"),
    "user.login": _l("Signed in"),
    "user.login_failed": _l("Failed to sign in"),
    "user.logout": _l("Signed out"),
    "user.password_changed": _l("Changed their password"),
    "user.profile_updated": _l("Updated their profile"),
    "token.issued": _l("Issued an API token"),
    "token.revoked": _l("Revoked an API token"),
    "session.ended": _l("Signed out a device"),
    "session.ended_everywhere": _l("Signed out everywhere"),
    # communities and councils
    "community.created": _l("Created a community"),
    "demo.loaded": _l("Loaded the demo"),
    "council.created": _l("Founded a council"),
    "council.updated": _l("Edited a council"),
    "council.member_seated": _l("Seated a council member"),
    "council.member_updated": _l("Changed a council member's seat"),
    "council.member_unseated": _l("Unseated a council member"),
    "council.join_requested": _l("Asked to join a council"),
    "council.join_approved": _l("Approved a request to join a council"),
    "council.join_declined": _l("Declined a request to join a council"),
    "council.join_withdrawn": _l("Withdrew a request to join a council"),
    # meetings, their agenda, attendance and speakers
    "meeting.created": _l("Created a meeting"),
    "meeting.updated": _l("Edited a meeting"),
    "meeting.status_changed": _l("Changed a meeting's status"),
    "meeting.minutes_saved": _l("Saved a meeting's minutes"),
    "agenda.item_added": _l("Added an agenda item"),
    "agenda.item_updated": _l("Edited an agenda item"),
    "agenda.item_removed": _l("Removed an agenda item"),
    "agenda.item_queued": _l("Put a proposal on the agenda"),
    "agenda.item_unqueued": _l("Took an answered proposal off the agenda"),
    "agenda.reordered": _l("Reordered the agenda"),
    "agenda.advanced": _l("Moved to the next agenda item"),
    "agenda.item_status": _l("Changed an agenda item's status"),
    "attendance.checked_in": _l("Checked in"),
    "attendance.checked_out": _l("Checked out"),
    "attendance.proxy_named": _l("Named a proxy"),
    "attendance.proxy_revoked": _l("Revoked a proxy"),
    "speakers.requested": _l("Asked to speak"),
    "speakers.withdrawn": _l("Withdrew from the list of speakers"),
    "speakers.next": _l("Gave the floor to the next speaker"),
    "speakers.time_set": _l("Set the speaking time"),
    # votes
    "poll.created": _l("Created a poll"),
    "poll.opened": _l("Opened a poll"),
    "poll.closed": _l("Closed a poll"),
    "poll.paper_ballot": _l("Entered a paper ballot"),
    # action items
    "action.created": _l("Created an action item"),
    "action.updated": _l("Edited an action item"),
    "action.reassigned": _l("Reassigned an action item"),
    "action.helper_added": _l("Added a helper to an action item"),
    "action.helper_removed": _l("Removed a helper from an action item"),
    "action.checked_in": _l("Checked in on an action item"),
    "action.help_asked": _l("Asked an organization to help"),
    "action.help_withdrawn": _l("Withdrew a request for help"),
    "action.help_accepted": _l("Accepted to help with an action item"),
    "action.help_declined": _l("Declined to help with an action item"),
    "action.help_ended": _l("Ended an organization's help"),
    # partner organizations, their offerings, requests and enrolments
    "organization.registered": _l("Registered an organization"),
    "organization.updated": _l("Edited an organization"),
    "organization.reviewed": _l("Reviewed an organization"),
    "organization.member_invited": _l("Invited an organization member"),
    "organization.invitation_accepted": _l("Accepted an invitation to an organization"),
    "organization.invitation_declined": _l("Declined an invitation to an organization"),
    "organization.member_role": _l("Changed an organization member's role"),
    "organization.member_removed": _l("Removed an organization member"),
    "offering.created": _l("Created an offering"),
    "offering.updated": _l("Edited an offering"),
    "offering.status_changed": _l("Changed an offering's status"),
    "offering.session_added": _l("Added a session"),
    "offering.schedule_added": _l("Added a weekly schedule"),
    "offering.session_removed": _l("Removed a session"),
    "offering.capacity_changed": _l("Changed a session's capacity"),
    "offering.rated": _l("Rated an offering"),
    "service_request.created": _l("Requested a service"),
    "service_request.accepted": _l("Accepted a service request"),
    "service_request.declined": _l("Declined a service request"),
    "service_request.completed": _l("Completed a service request"),
    "service_request.cancelled": _l("Cancelled a service request"),
    "enrolment.enrolled": _l("Enrolled in a session"),
    "enrolment.waitlisted": _l("Joined a session's waiting list"),
    "enrolment.cancelled": _l("Cancelled an enrolment"),
    "enrolment.promoted": _l("Moved from the waiting list into a session"),
    "enrolment.attendance": _l("Marked attendance at a session"),
    "proposal.settings_saved": _l("Set a council's rules for proposals"),
    "proposal.created": _l("Wrote a proposal"),
    "proposal.draft_updated": _l("Edited a draft proposal"),
    "proposal.published": _l("Published a proposal"),
    "proposal.supported": _l("Supported a proposal"),
    "proposal.support_withdrawn": _l("Withdrew a support"),
    "proposal.paper_supports_recorded": _l("Recorded paper supports from a signature sheet"),
    "proposal.endorsed": _l("Endorsed a proposal in an organization's name"),
    "proposal.endorsement_withdrawn": _l("Withdrew an organization's endorsement"),
    "proposal.threshold_reached": _l("A proposal reached its threshold"),
    "proposal.placed_on_agenda": _l("Put a waiting proposal on a meeting's agenda"),
    "proposal.answered": _l("Answered a proposal"),
    "proposal.withdrawn": _l("Withdrew a proposal"),
    "proposal.archived": _l("Archived a proposal whose time ran out"),
    "proposal.commented": _l("Commented on a proposal"),
    "proposal.comment_edited": _l("Edited a comment"),
    "proposal.comment_reported": _l("Reported a comment"),
    "proposal.comment_hidden": _l("Hid a comment"),
    "proposal.comment_restored": _l("Restored a comment"),
    "proposal.merge_proposed": _l("Proposed to merge a proposal into another"),
    "proposal.merge_answered": _l("Answered a proposed merge"),
    "proposal.merge_cancelled": _l("Cancelled a proposed merge"),
    "proposal.merged": _l("Merged a proposal into another"),
    "proposal.coauthor_invited": _l("Invited a co-author of a proposal"),
    "proposal.coauthor_accepted": _l("Accepted to co-author a proposal"),
    "proposal.coauthor_declined": _l("Declined to co-author a proposal"),
    "proposal.coauthor_invitation_cancelled": _l("Took back an invitation to co-author"),
    "proposal.photos_added": _l("Added photos to a proposal"),
    "proposal.photo_removed": _l("Removed a photo from a proposal"),
    # the work-item catalogue
    "catalogue.imported": _l("Imported a work-item catalogue"),
    "catalogue.community_placed": _l("Placed a community in a street"),
    "catalogue.street_created": _l("Created a street office"),
    # departments, their officers and the street's reviewers
    "department.created": _l("Created a department"),
    "department.officer_appointed": _l("Appointed a department officer"),
    "department.reviewer_appointed": _l("Appointed an admission reviewer"),
    "department.appointment_ended": _l("Ended an appointment"),
    # refusals of tasks that came outside the admission process, and certificates issued
    "refusal.recorded": _l("Recorded a refused task"),
    "certificate.issued": _l("Issued a certificate"),
    # admission requests and their review
    "admission_request.created": _l("Wrote an admission request"),
    "admission_request.updated": _l("Edited an admission request"),
    "admission_request.submitted": _l("Submitted an admission request"),
    "admission_request.withdrawn": _l("Withdrew an admission request"),
    "admission_request.consultation_opened": _l("Asked the communities for their view"),
    "admission_request.view_given": _l("Gave a community's view on an admission request"),
    "admission_request.decided": _l("Decided an admission request"),
    # workers' hours
    "hours.logged": _l("Logged working time"),
    "hours.edited": _l("Edited a time entry"),
    "hours.deleted": _l("Deleted a time entry"),
    "hours.week_saved": _l("Saved a week's hours"),
}

# What the families of actions are called, for the action filter's groups.
ACCOUNTS = lazy_pgettext("audit", "Accounts")
FAMILIES = {
    "user": ACCOUNTS, "token": ACCOUNTS, "session": ACCOUNTS,
    "community": _l("Communities"), "demo": _l("Communities"), "council": _l("Councils"),
    "meeting": _l("Meetings"), "agenda": _l("Meetings"), "attendance": _l("Meetings"),
    "speakers": _l("Meetings"), "poll": _l("Votes"), "action": _l("Action items"),
    "organization": _l("Partner organizations"), "offering": _l("Services"),
    "service_request": _l("Services"), "enrolment": _l("Services"),
    "proposal": _l("Proposals"), "catalogue": _l("Work-item catalogue"),
    "department": _l("Departments"),
    "refusal": _l("Refusals and certificates"), "certificate": _l("Refusals and certificates"),
    "admission_request": _l("Admission requests"),
    "hours": _l("Workers' hours"),
}

# Kinds of object an event is about (its target's table).
TARGETS = {
    "users": lazy_pgettext("audit object", "Account"), "api_tokens": _l("API token"),
    "user_sessions": _l("Device"),
    "communities": _l("Community"), "councils": _l("Council"), "meetings": _l("Meeting"),
    "action_items": _l("Action item"), "organizations": _l("Organization"),
    "offerings": _l("Offering"), "service_requests": _l("Service request"),
    "enrolments": _l("Enrolment"), "proposals": _l("Proposal"),
    "catalogue_versions": _l("Catalogue version"),
    "departments": _l("Department"),
    "refusals": _l("Refused task"), "certificates": _l("Certificate"),
    "admission_requests": _l("Admission request"),
}

# What the details an event keeps are called; a detail not named here shows its code.
DETAILS = {
    "title": _l("Title"), "name": _l("Name"), "username": _l("Username"),
    "role": _l("Role"), "old": _l("Before"), "new": _l("After"), "was": _l("Before"),
    "before": _l("Before"), "after": _l("After"), "changes": _l("Changes"),
    "changed": _l("Changes"), "reason": _l("Reason"), "status": _l("Status"),
    "via": lazy_pgettext("audit detail", "How"), "device": _l("Device"),
    "kind": lazy_pgettext("audit detail", "Kind"),
    "secret": _l("Secret ballot"), "passed": _l("Passed"), "by_timer": _l("Closed by the timer"),
    "entitled": _l("Entitled voters"),
    "user_id": _l("Person"), "holder_id": _l("Proxy holder"), "owner_id": _l("Owner"),
    "resident_id": _l("Resident"), "freed_by": _l("Place freed by"), "due_on": _l("Due"),
    "public": _l("Public"), "progress": _l("Progress"), "files": _l("Files"),
    "score": _l("Rating"), "capacity": _l("Capacity"), "rule_set": _l("Rule set"),
    "vote_weight": _l("Vote weight"), "sessions": _l("Sessions"), "seconds": _l("Seconds"),
    "starts_at": _l("Starts"), "category": _l("Category"), "slug": _l("Address"),
    "item_id": _l("Agenda item"), "poll_id": _l("Poll"), "update_id": _l("Check-in"),
    "corrects": _l("Corrects check-in"), "council_id": _l("Council"),
    "resolution_id": _l("Resolution"), "organization_id": _l("Organization"),
    "offering_id": _l("Offering"), "session_id": lazy_pgettext("audit detail", "Session"),
    "schedule_id": _l("Schedule"),
    "help_request_id": _l("Request for help"), "request_id": _l("Request"),
    "weekday": _l("Weekday"), "first": _l("First"), "last": _l("Last"), "order": _l("Order"),
    "leaving": _l("Left by themselves"), "users_created": _l("Accounts created"),
    "entered_by_office": _l("Entered by the office"),
    "proposal_id": _l("Proposal"), "threshold": _l("Threshold"), "count": _l("Supports"),
    "answer": _l("Answer"), "meeting_id": _l("Meeting"), "evaluator_id": _l("Evaluator"),
    "action_item_id": _l("Action item"), "source": _l("Source"),
    "expires_on": _l("Last day"), "comment_id": _l("Comment"), "stance": _l("Stance"),
    "reply_to": _l("Reply to"), "street_id": _l("Street"), "number": _l("Version"),
    "items": _l("Items"), "department_id": _l("Department"), "department": _l("Department"),
    "communities": _l("Communities"),
    "rule": _l("Rule"), "channel": _l("Channel"), "asked_on": _l("Day asked"),
    "work_item_id": _l("Work item"), "code": _l("Code"), "issued_on": _l("Day issued"),
    "emergency": _l("Emergency"), "decision": _l("Decision"), "hours": _l("Hours"),
    "entry_id": _l("Time entry"), "worker_id": _l("Worker"), "day": _l("Day"),
    "minutes": _l("Minutes"), "week": _l("Week"), "cells": _l("Cells"),
}


def action_label(action: str) -> str:
    label = ACTIONS.get(action)
    return str(label) if label is not None else action


def family_label(action: str) -> str:
    label = FAMILIES.get(action.partition(".")[0])
    return str(label) if label is not None else action.partition(".")[0]


def target_label(target_type: str) -> str:
    label = TARGETS.get(target_type)
    return str(label) if label is not None else target_type


def detail_label(key: str) -> str:
    label = DETAILS.get(key)
    return str(label) if label is not None else key


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The action filter's options, grouped by family, in the order above."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for action in ACTIONS:
        groups.setdefault(family_label(action), []).append((action, action_label(action)))
    return list(groups.items())
