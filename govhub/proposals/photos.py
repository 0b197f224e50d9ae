"""Photos of a proposal: its authors add them to the draft (at most four, images only) and
may remove them until it is published; what residents support then stays as it was.
Files go through core/uploads.py (checked by their bytes, random names, removed from the
disk with their row). Services flush, never commit.
"""

from __future__ import annotations

from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core import uploads
from govhub.core.errors import DomainError, NotFound
from govhub.core.guards import require
from govhub.core.models import is_id
from govhub.extensions import db
from govhub.proposals import permissions
from govhub.proposals.models import Proposal, ProposalPhoto

PHOTOS = "proposal_photos"  # the uploads folder
PHOTOS_MAX = 4
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/webp"})


def add_photos(actor, proposal: Proposal, files: list[uploads.Upload]) -> list[ProposalPhoto]:
    """Add photos to a draft; nothing is kept if any one is refused."""
    require(permissions.can_edit_draft(actor, proposal),
            _("Only its authors add photos, and only while it is a draft."))
    checked = uploads.check_uploads(files)
    if not checked:
        raise DomainError("photos_required", _("Choose at least one photo."), "photos")
    for file in checked:
        if file.content_type not in IMAGE_TYPES:
            raise DomainError("photo_not_image", _(
                "%(name)s is not a photo: a proposal takes PNG, JPEG or WebP images.",
                name=file.display_name), "photos", status=415)
    if len(proposal.photos) + len(checked) > PHOTOS_MAX:
        raise DomainError("too_many_photos", _(
            "A proposal has at most %(count)d photos.", count=PHOTOS_MAX), "photos",
            status=409)
    added = [ProposalPhoto(proposal_id=proposal.id, stored_name=uploads.store(file, PHOTOS),
                           filename=file.display_name, content_type=file.content_type,
                           size=file.size, sha256=file.sha256, added_by_id=actor.id)
             for file in checked]
    db.session.add_all(added)
    db.session.flush()
    db.session.expire(proposal, ["photos"])
    record(actor, "proposal.photos_added", proposal, photo_ids=[p.id for p in added])
    return added


def remove_photo(actor, proposal: Proposal, photo_id) -> None:
    require(permissions.can_edit_draft(actor, proposal),
            _("Only its authors remove photos, and only while it is a draft."))
    photo = photo_of(proposal, photo_id)
    uploads.remove(PHOTOS, photo.stored_name)
    db.session.delete(photo)
    db.session.flush()
    db.session.expire(proposal, ["photos"])
    record(actor, "proposal.photo_removed", proposal, photo_id=photo.id)


def photo_of(proposal: Proposal, photo_id) -> ProposalPhoto:
    """One of the proposal's photos; 404 for any other id."""
    photo = db.session.get(ProposalPhoto, photo_id) if is_id(photo_id) else None
    if photo is None or photo.proposal_id != proposal.id:
        raise NotFound(_("There is no such photo."))
    return photo
