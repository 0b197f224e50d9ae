"""JSON routes for a proposal's photos: the same loader and services (photos.py) as the
page (photo_views.py). The files themselves are served at the page's address."""

from __future__ import annotations

import functools

import marshmallow as ma
from flask import g, request, url_for

from govhub.api import BEARER, error_responses
from govhub.api.auth import token_required
from govhub.api.schemas import WholeNumber
from govhub.core import uploads
from govhub.extensions import db
from govhub.proposals import api_bp, photos, queries

errors = functools.partial(error_responses, api_bp)


class PhotoFilesSchema(ma.Schema):
    photos = ma.fields.List(ma.fields.Raw(metadata={"type": "string", "format": "binary"}),
                            load_default=list, metadata={
                                "maxItems": photos.PHOTOS_MAX,
                                "description": "PNG, JPEG or WebP, checked by content; at "
                                               "most 4 per proposal."})


class PhotoSchema(ma.Schema):
    id = WholeNumber()
    url = ma.fields.String(metadata={"description": "Where the image is served (to whoever "
                                                    "may see the proposal)."})
    filename = ma.fields.String()
    content_type = ma.fields.String()
    size = WholeNumber()


class PhotoListSchema(ma.Schema):
    photos = ma.fields.List(ma.fields.Nested(PhotoSchema))


def photo_payload(photo) -> dict:
    return {"id": photo.id, "filename": photo.filename, "content_type": photo.content_type,
            "size": photo.size, "url": url_for("proposals.photo", proposal_id=photo.proposal_id,
                                               photo_id=photo.id)}


@api_bp.post("/proposals/<int:proposal_id>/photos")
@uploads.accepts_uploads
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(PhotoFilesSchema, location="files")
@api_bp.response(201, PhotoListSchema)
@errors(400, 401, 403, 404, 409, 422)
def add_photos(files, proposal_id):
    """Add photos to your draft (multipart/form-data, the images in `photos`) → all its photos.

    Refusals: photos_required, too_many_files (400), too_many_photos (409: 4 in all),
    file_too_large (413), photo_not_image, file_type_not_allowed, file_name_mismatch (415);
    a refused request stores nothing.
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    read = [uploads.read_upload(storage) for storage in request.files.getlist("photos")]
    photos.add_photos(g.api_user, proposal, read)
    db.session.commit()
    return {"photos": [photo_payload(p) for p in proposal.photos]}


@api_bp.delete("/proposals/<int:proposal_id>/photos/<int:photo_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(204)
@errors(401, 403, 404)
def remove_photo(proposal_id, photo_id):
    """Remove a photo from your draft; its file is deleted."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    photos.remove_photo(g.api_user, proposal, photo_id)
    db.session.commit()
