"""Photos of a proposal: added by its authors to the draft, shown to whoever may see it,
removed from the disk with their row, and refused whole when any file is wrong."""

import io

import pytest
import sqlalchemy as sa

from govhub.core import uploads
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.proposals import photos, services
from govhub.proposals.models import ProposalPhoto
from tests.actions.conftest import png_bytes
from tests.helpers.api import api_error, api_ok

PNG = png_bytes()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _stored() -> list[str]:
    return list(db.session.scalars(sa.select(ProposalPhoto.stored_name)))


def _files() -> set:
    folder = uploads.folder(photos.PHOTOS)
    return set(folder.iterdir()) if folder.exists() else set()


def _add(actor, proposal, *names_and_bytes):
    added = photos.add_photos(actor, proposal, [uploads.Upload(name, data)
                                                for name, data in names_and_bytes])
    db.session.commit()
    return added


def test_an_author_adds_photos_to_a_draft_and_a_removed_one_leaves_the_disk(
        make_proposal, residents):
    [author] = residents(1)
    draft = make_proposal(author, publish=False)
    first, second = _add(author, draft, ("楼道.png", PNG), ("台阶.png", png_bytes(8, 8)))
    assert [p.filename for p in draft.photos] == ["楼道.png", "台阶.png"]
    path = uploads.path_of(photos.PHOTOS, first.stored_name)
    assert path.read_bytes() == PNG
    photos.remove_photo(author, draft, first.id)
    db.session.commit()
    assert not path.exists() and _stored() == [second.stored_name]


@pytest.mark.parametrize("files, code", [
    ([("sheet.pdf", PDF)], "photo_not_image"),
    ([("a.png", PNG), ("b.pdf", PDF)], "photo_not_image"),
    ([("fake.png", b"MZ\x90\x00 not an image")], "file_type_not_allowed"),
    ([("empty.png", b"")], "file_empty"),
    ([], "photos_required"),
    ([(f"{n}.png", PNG) for n in range(5)], "too_many_files"),
])
def test_a_refused_file_keeps_nothing(make_proposal, residents, files, code):
    [author] = residents(1)
    draft = make_proposal(author, publish=False)
    on_disk = _files()
    with pytest.raises(DomainError) as refused:
        _add(author, draft, *files)
    assert refused.value.code == code
    db.session.rollback()
    assert _stored() == [] and _files() == on_disk


def test_at_most_four_photos_in_all(make_proposal, residents):
    [author] = residents(1)
    draft = make_proposal(author, publish=False)
    _add(author, draft, *[(f"{n}.png", PNG) for n in range(3)])
    with pytest.raises(DomainError) as refused:
        _add(author, draft, ("4.png", PNG), ("5.png", PNG))
    assert refused.value.code == "too_many_photos"
    db.session.rollback()
    assert len(_stored()) == 3


def test_a_published_proposal_keeps_its_photos_as_residents_saw_them(make_proposal, residents):
    author, neighbour = residents(2)
    draft = make_proposal(author, publish=False)
    [photo] = _add(author, draft, ("楼道.png", PNG))
    services.publish_proposal(author, draft)
    db.session.commit()
    for attempt in (lambda: _add(author, draft, ("more.png", PNG)),
                    lambda: photos.remove_photo(author, draft, photo.id),
                    lambda: _add(neighbour, draft, ("mine.png", PNG))):
        with pytest.raises(Forbidden):
            attempt()
        db.session.rollback()
    assert _stored() == [photo.stored_name]


# --- pages and API ---------------------------------------------------------------------------

def test_the_draft_page_adds_a_photo_and_everyone_sees_it_once_published(
        client, login, post_form, make_proposal, residents):
    [author] = residents(1)
    draft = make_proposal(author, publish=False)
    path = f"/proposals/{draft.id}"
    login(author)
    page = client.get(path).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    done = post_form(f"{path}/photos", {"photos": (io.BytesIO(PNG), "楼道.png")}, page=path,
                     content_type="multipart/form-data", follow_redirects=True)
    assert "The photos are added." in done.get_data(as_text=True)
    [photo_id] = db.session.scalars(sa.select(ProposalPhoto.id))
    image = f"{path}/photos/{photo_id}"
    assert client.get(image).data == PNG
    post_form("/logout", page="/")
    assert client.get(image).status_code == 404  # a draft's photo is its authors' only
    services.publish_proposal(author, draft)
    db.session.commit()
    served = client.get(image)
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert f'src="{image}"' in client.get(path).get_data(as_text=True)


def test_the_api_adds_lists_and_removes_photos(client, auth, make_proposal, residents):
    author, stranger = residents(2)
    draft = make_proposal(author, publish=False)
    url = f"/api/v1/proposals/{draft.id}/photos"
    made = api_ok(client.post(url, headers=auth(author), content_type="multipart/form-data",
                              data={"photos": [(io.BytesIO(PNG), "a.png"),
                                               (io.BytesIO(PNG), "b.png")]}), 201)
    assert [p["filename"] for p in made["photos"]] == ["a.png", "b.png"]
    detail = api_ok(client.get(f"/api/v1/proposals/{draft.id}", headers=auth(author)))
    assert [p["id"] for p in detail["photos"]] == [p["id"] for p in made["photos"]]
    assert api_error(client.post(url, headers=auth(author), content_type="multipart/form-data",
                                 data={"photos": [(io.BytesIO(PDF), "x.pdf")]}), 415)[
        "code"] == "photo_not_image"
    assert api_error(client.post(url, headers=auth(stranger),
                                 content_type="multipart/form-data",
                                 data={"photos": [(io.BytesIO(PNG), "c.png")]}), 404)
    gone = client.delete(f"{url}/{made['photos'][0]['id']}", headers=auth(author))
    assert gone.status_code == 204
    assert api_error(client.delete(f"{url}/{made['photos'][0]['id']}", headers=auth(author)),
                     404)
    assert len(_stored()) == 1
    services.publish_proposal(author, draft)
    db.session.commit()
    assert client.get(made["photos"][1]["url"]).data == PNG  # public with the proposal
