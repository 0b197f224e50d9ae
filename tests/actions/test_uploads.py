"""Evidence files: accepted by what the bytes are, refused when too large, of another type,
or not what their name claims; stored under random names; nothing left after a refusal."""

import hashlib

import pytest
import sqlalchemy as sa

from govhub.actions import services
from govhub.actions.models import ActionUpdate, Evidence
from govhub.core import uploads
from govhub.core.errors import DomainError
from govhub.core.uploads import Upload, check_upload, clean_filename, sniff
from govhub.extensions import db
from tests.actions.conftest import ELF, PDF, PE, png_bytes

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24


@pytest.mark.parametrize("data, content_type", [
    (png_bytes(), "image/png"), (JPEG, "image/jpeg"), (WEBP, "image/webp"),
    (PDF, "application/pdf"),
    (ELF, None), (PE, None), (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
    (b"<html><script>alert(1)</script>", None), (b"GIF89a" + b"\x00" * 20, None),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8 + b"JUNK", None),  # a PNG signature, no header chunk
    (b"RIFF\x00\x00\x00\x00WAVEfmt ", None), (b"", None),
])
def test_the_type_is_read_from_the_bytes(data, content_type):
    assert sniff(data) == content_type


@pytest.mark.parametrize("name, data, display", [
    ("东门照片.png", png_bytes(), "东门照片.png"),
    ("IMG_0001.JPEG", JPEG, "IMG_0001.jpeg"),           # extensions in lower case
    ("scan", PDF, "scan.pdf"),                              # no extension: given its own
    ("../../etc/passwd.pdf", PDF, "passwd.pdf"),            # paths are dropped
    ("C:\\Users\\worker\\报告.pdf", PDF, "报告.pdf"),
    ("a\x00b\r\n\tc.png", png_bytes(), "a_b___c.png"),      # control characters replaced
    ('"<evil>";.png', png_bytes(), "__evil___.png"),
    ("...hidden.png", png_bytes(), "hidden.png"),
    (".png", png_bytes(), "png.png"),
    ("2026.05.10 现场 照片", JPEG, "2026.05.10 现场 照片.jpg"),  # ".10 现场 照片" is no extension
    ("x" * 300 + ".png", png_bytes(), "x" * 80 + ".png"),
])
def test_file_names_are_cleaned_and_end_in_the_real_type(app, name, data, display):
    assert check_upload(Upload(name, data), limit=10_000).display_name == display


@pytest.mark.parametrize("name, data", [
    ("photo.png", ELF), ("photo.png", PE), ("photo.jpg", PE), ("setup.exe", PE),
    ("drawing.svg", b"<svg/>"), ("page.html", b"<html></html>"),
])
def test_anything_but_png_jpeg_webp_and_pdf_is_refused(app, name, data):
    with pytest.raises(DomainError) as refused:
        check_upload(Upload(name, data), limit=10_000)
    assert (refused.value.code, refused.value.status) == ("file_type_not_allowed", 415)


@pytest.mark.parametrize("name, data", [
    ("report.pdf", png_bytes()), ("photo.png", PDF), ("photo.png.exe", png_bytes()),
    ("photo.webp", JPEG),
])
def test_a_file_that_is_not_what_its_name_claims_is_refused(app, name, data):
    with pytest.raises(DomainError) as refused:
        check_upload(Upload(name, data), limit=10_000)
    assert refused.value.code == "file_name_mismatch"


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_accepted(app):
    data = png_bytes(64, 64)
    assert check_upload(Upload("a.png", data), limit=len(data)).size == len(data)
    with pytest.raises(DomainError) as refused:
        check_upload(Upload("a.png", data), limit=len(data) - 1)
    assert (refused.value.code, refused.value.status) == ("file_too_large", 413)


def test_an_empty_file_is_refused(app):
    with pytest.raises(DomainError) as refused:
        check_upload(Upload("a.png", b""), limit=100)
    assert refused.value.code == "file_empty"


def test_clean_names_never_leave_the_folder(app):
    for name in ["../x.png", "/abs/x.png", "..\\..\\x.png", "x/../../y.png"]:
        assert "/" not in clean_filename(name, "image/png")
        assert "\\" not in clean_filename(name, "image/png")


# --- check-ins with files ---------------------------------------------------------------------

def test_a_check_in_stores_a_real_png_under_a_random_name(make_item, worker, uploads_folder):
    before = uploads_folder()
    data = png_bytes()
    update = services.check_in(worker, make_item(), note="新投放点",
                               files=[Upload("新投放点.png", data)])
    db.session.commit()
    [evidence] = update.evidence
    assert (evidence.filename, evidence.content_type, evidence.size) == (
        "新投放点.png", "image/png", len(data))
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert uploads_folder() - before == {evidence.stored_name}
    assert evidence.stored_name.endswith(".png") and "新" not in evidence.stored_name
    stored = uploads.folder(services.EVIDENCE) / evidence.stored_name
    assert stored.read_bytes() == data


@pytest.mark.parametrize("files", [
    [Upload("photo.png", ELF)],
    [Upload("photo.png", PE)],
    [Upload("ok.png", png_bytes()), Upload("photo.png", ELF)],   # one bad file spoils the lot
    [Upload("big.png", png_bytes() + bytes(3_000))],                 # over 2,000 bytes
    [Upload(f"{n}.png", png_bytes()) for n in range(5)],
])
def test_a_refused_file_stores_nothing_and_records_nothing(app, make_item, worker,
                                                           uploads_folder, files, monkeypatch):
    monkeypatch.setitem(app.config, "GOVHUB", {**app.config["GOVHUB"], "upload_max_bytes": 2_000})
    item, before = make_item(), uploads_folder()
    with pytest.raises(DomainError):
        services.check_in(worker, item, note="照片", files=files)
    db.session.rollback()
    assert uploads_folder() == before
    assert db.session.scalar(sa.select(sa.func.count(ActionUpdate.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Evidence.id))) == 0


def test_files_written_before_a_rollback_are_deleted(make_item, worker, uploads_folder):
    item, before = make_item(), uploads_folder()
    services.check_in(worker, item, note="照片", files=[Upload("a.png", png_bytes()),
                                                        Upload("b.pdf", PDF)])
    assert len(uploads_folder() - before) == 2
    db.session.rollback()
    assert uploads_folder() == before


def test_a_pdf_and_photos_go_together_in_one_check_in(make_item, worker):
    update = services.check_in(worker, make_item(), files=[
        Upload("验收单.pdf", PDF), Upload("a.png", png_bytes()), Upload("b.jpg", JPEG)])
    assert [e.content_type for e in update.evidence] == ["application/pdf", "image/png",
                                                         "image/jpeg"]


def test_a_check_in_may_be_only_a_file(make_item, worker):
    update = services.check_in(worker, make_item(), files=[Upload("a.png", png_bytes())])
    assert update.note == "" and len(update.evidence) == 1


def test_a_savepoint_rolled_back_deletes_only_its_own_files(make_item, worker,
                                                            uploads_folder):
    item, before = make_item(), uploads_folder()
    services.check_in(worker, item, note="留下", files=[Upload("kept.png", png_bytes())])
    kept = uploads_folder() - before
    with pytest.raises(RuntimeError), db.session.begin_nested():
        services.check_in(worker, item, note="撤回", files=[Upload("gone.pdf", PDF)])
        raise RuntimeError("refused")
    assert uploads_folder() - before == kept
    db.session.commit()
    assert uploads_folder() - before == kept


def test_a_file_written_in_a_released_savepoint_goes_when_the_transaction_rolls_back(
        make_item, worker, uploads_folder):
    item, before = make_item(), uploads_folder()
    with db.session.begin_nested():
        services.check_in(worker, item, note="照片", files=[Upload("a.png", png_bytes())])
    assert len(uploads_folder() - before) == 1
    db.session.rollback()
    assert uploads_folder() == before
