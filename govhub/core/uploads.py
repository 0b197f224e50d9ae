"""Files people upload: checked by what they are, stored under random names, served safely.

- The type is read from the first bytes (PNG, JPEG, WebP, PDF), never from
  the file name or the Content-Type the client sent. A name whose extension
  claims another type is refused (an executable renamed .png is not a PNG).
- Each file is at most `upload_max_bytes` (config); the request as a whole
  may carry `UPLOAD_FILES_MAX` of them (views that take files are marked
  with `accepts_uploads`, which raises Flask's body limit for them alone).
- Files are stored under `<instance>/uploads/<kind>/` with a random name;
  the name people gave is only cleaned and shown. A file written in a
  transaction that rolls back is deleted again, so a refused request leaves
  nothing behind.
- Served with the checked Content-Type, `nosniff`, a sandboxing CSP, inline
  only for images and as an attachment otherwise.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, request, send_file
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.core.after_transaction import after_commit, after_rollback
from govhub.core.errors import DomainError

# content type -> (the extension stored and shown, the extensions a name may carry)
TYPES: dict[str, tuple[str, frozenset[str]]] = {
    "image/png": (".png", frozenset({"png"})),
    "image/jpeg": (".jpg", frozenset({"jpg", "jpeg", "jpe", "jfif"})),
    "image/webp": (".webp", frozenset({"webp"})),
    "application/pdf": (".pdf", frozenset({"pdf"})),
}
INLINE = frozenset({"image/png", "image/jpeg", "image/webp"})
UPLOAD_FILES_MAX = 4
NAME_MAX = 80
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(png|jpg|webp|pdf)$")
EXTENSION = re.compile(r"^[A-Za-z0-9]{1,8}$")
SERVED_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: the name the client gave and (at most limit + 1) bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    display_name: str
    content_type: str
    extension: str
    data: bytes
    size: int
    sha256: str


def max_bytes() -> int:
    return int(current_app.config["GOVHUB"]["upload_max_bytes"])


def read_upload(storage, limit: int | None = None) -> Upload:
    """A werkzeug FileStorage, read no further than one byte past the limit."""
    limit = max_bytes() if limit is None else limit
    return Upload(storage.filename or "", storage.stream.read(limit + 1))


# --- checking ------------------------------------------------------------------------------

def sniff(data: bytes) -> str | None:
    """The content type the bytes themselves show, among those GovHub accepts."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:16] in (b"VP8 ", b"VP8L",
                                                                         b"VP8X"):
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _claimed_extension(name: str) -> str | None:
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not EXTENSION.match(extension):
        return None
    return extension.lower()


def _base_name(filename: str) -> str:
    """The last part of a path, NFC, without control characters or characters that are
    unsafe in a file name, whitespace collapsed, no leading dots."""
    name = re.split(r"[\\/]", unicodedata.normalize("NFC", filename or ""))[-1]
    name = "".join("_" if unicodedata.category(ch).startswith("C") or ch in '<>:"|?*;'
                   else ch for ch in name)
    return " ".join(name.split()).lstrip(". ")


def clean_filename(filename: str, content_type: str) -> str:
    """The name to show: cleaned, shortened, ending in the extension of what the file is."""
    stored_extension, accepted = TYPES[content_type]
    name = _base_name(filename)
    claimed = _claimed_extension(name)
    stem = name.rpartition(".")[0] if claimed else name
    stem = stem.strip(" .")[:NAME_MAX].rstrip(" .") or _("file")
    extension = f".{claimed}" if claimed in accepted else stored_extension
    return stem + extension


def check_upload(upload: Upload, limit: int | None = None) -> CheckedFile:
    """Accept a file only if it is a PNG, JPEG, WebP or PDF within the limit and its name
    does not claim otherwise; raise DomainError (field "files") if not."""
    limit = max_bytes() if limit is None else limit
    if not upload.data:
        raise DomainError("file_empty", _("The file %(name)s is empty.",
                                          name=_base_name(upload.filename) or "?"), "files")
    if len(upload.data) > limit:
        raise DomainError("file_too_large", _(
            "The file %(name)s is too large: at most %(size)s.",
            name=_base_name(upload.filename) or "?", size=size_text(limit)), "files", status=413)
    content_type = sniff(upload.data)
    if content_type is None:
        raise DomainError("file_type_not_allowed", _(
            "%(name)s is not a photo or PDF GovHub accepts (PNG, JPEG, WebP or PDF).",
            name=_base_name(upload.filename) or "?"), "files", status=415)
    claimed = _claimed_extension(_base_name(upload.filename))
    if claimed is not None and claimed not in TYPES[content_type][1]:
        raise DomainError("file_name_mismatch", _(
            "%(name)s is named as a .%(claimed)s file but it is not one.",
            name=_base_name(upload.filename), claimed=claimed), "files", status=415)
    return CheckedFile(display_name=clean_filename(upload.filename, content_type),
                       content_type=content_type, extension=TYPES[content_type][0],
                       data=upload.data, size=len(upload.data),
                       sha256=hashlib.sha256(upload.data).hexdigest())


def check_uploads(uploads: list[Upload], limit: int | None = None) -> list[CheckedFile]:
    uploads = [upload for upload in uploads if upload.filename or upload.data]
    if len(uploads) > UPLOAD_FILES_MAX:
        raise DomainError("too_many_files", _("At most %(max)d files at once.",
                                              max=UPLOAD_FILES_MAX), "files")
    return [check_upload(upload, limit) for upload in uploads]


def size_text(size: int) -> str:
    """10485760 -> "10 MB" (decimal megabytes, as phones show sizes)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return f"{max(size // 1000, 1)} KB"


# --- storing -------------------------------------------------------------------------------

def folder(kind: str) -> Path:
    return Path(current_app.instance_path) / "uploads" / kind


def store(checked: CheckedFile, kind: str, session: orm.Session | None = None) -> str:
    """Write the file under a new random name; deleted again if the transaction rolls back."""
    from govhub.extensions import db

    session = session or db.session()
    target_folder = folder(kind)
    target_folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + checked.extension
    target = target_folder / name
    partial = target.with_name(name + ".part")
    with open(partial, "xb") as fh:
        fh.write(checked.data)
    os.replace(partial, target)
    after_rollback(_delete, target, session=session)
    return name


def remove(kind: str, stored_name: str, session: orm.Session | None = None) -> None:
    """Delete a stored file once the transaction that drops its row commits (kept if it
    rolls back): a removed photo does not stay on the disk."""
    from govhub.extensions import db

    path = path_of(kind, stored_name)
    if path is not None:
        after_commit(_delete, path, session=session or db.session())


def path_of(kind: str, stored_name: str) -> Path | None:
    """The stored file, if the name is one GovHub could have made and the file is there."""
    if not STORED_NAME.match(stored_name or ""):
        return None
    path = folder(kind) / stored_name
    return path if path.is_file() else None


def _delete(path: Path) -> None:
    """A file nothing refers to any more (its transaction rolled back, or its row went)."""
    path.unlink(missing_ok=True)


# --- serving -------------------------------------------------------------------------------

def file_response(path: Path, content_type: str, filename: str, etag: str) -> Response:
    """The file with its checked type; images inline, anything else as a download."""
    inline = content_type in INLINE
    response = send_file(path, mimetype=content_type, as_attachment=not inline,
                         download_name=filename, conditional=True, etag=etag, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = SERVED_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    # Private, and asked again each time (a 304 when unchanged): who may see it can change.
    response.headers["Cache-Control"] = "private, no-cache"
    return response


# --- the request's size -------------------------------------------------------------------

def accepts_uploads(view):
    """Mark a view that takes files: its requests may be as large as the files allow."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.accepts_uploads = True
    return wrapper


def upload_request_limit() -> int:
    return UPLOAD_FILES_MAX * max_bytes() + int(current_app.config["MAX_CONTENT_LENGTH"] or 0)


def _raise_limit_for_uploads(endpoint: str | None, values) -> None:
    """Runs before every before_request (CSRF reads the form there), so the larger limit
    applies before anything reads the body; other requests keep max_content_length."""
    view = current_app.view_functions.get(endpoint) if endpoint else None
    if getattr(view, "accepts_uploads", False):
        request.max_content_length = upload_request_limit()


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(_raise_limit_for_uploads)
