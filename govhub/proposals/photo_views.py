"""A proposal's photos on its pages: its authors add and remove them on the draft's page;
everyone who may see the proposal sees them. Thin: load, call photos.py, go back."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField

from govhub.core import uploads
from govhub.extensions import db
from govhub.proposals import bp, photos, queries
from govhub.web.view_helpers import attempt


class PhotoForm(FlaskForm):
    photos = MultipleFileField(
        _l("Choose photos"),
        description=_l("Up to %(num)d photos in all: PNG, JPEG or WebP.", num=photos.PHOTOS_MAX),
        render_kw={"accept": ",".join(sorted(photos.IMAGE_TYPES))})


def _back(proposal):
    return redirect(url_for("proposals.show", proposal_id=proposal.id, _anchor="proposal-photos"))


@bp.post("/proposals/<int:proposal_id>/photos")
@uploads.accepts_uploads
@login_required
def add_photos(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    form = PhotoForm()
    if not form.validate_on_submit():
        flash(_("This form has expired. Reload the page and try again."), "error")
        return _back(proposal)
    files = [uploads.read_upload(storage) for storage in form.photos.data or []
             if storage and storage.filename]
    attempt(photos.add_photos, current_user, proposal, files, raise_forbidden=True,
            done=_("The photos are added."))
    return _back(proposal)


@bp.post("/proposals/<int:proposal_id>/photos/<int:photo_id>/remove")
@login_required
def remove_photo(proposal_id: int, photo_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    attempt(photos.remove_photo, current_user, proposal, photo_id, raise_forbidden=True,
            done=_("The photo is removed."))
    return _back(proposal)


@bp.get("/proposals/<int:proposal_id>/photos/<int:photo_id>")
def photo(proposal_id: int, photo_id: int):
    """A photo, for whoever may see its proposal (a draft's only for its authors)."""
    proposal = queries.visible_proposal(current_user, proposal_id)
    found = photos.photo_of(proposal, photo_id)
    path = uploads.path_of(photos.PHOTOS, found.stored_name)
    if path is None:
        abort(404)
    db.session.commit()
    return uploads.file_response(path, found.content_type, found.filename, found.sha256)
