"""What the paper-support and endorsement tests share: a real sheet photo, a
verified organization with its owner, and the rows the tests read back."""

import sqlalchemy as sa

from govhub.core import uploads
from govhub.extensions import db
from govhub.partners.organizations import services as organizations
from govhub.proposals import paper
from govhub.proposals.models import SupportSheet
from tests.actions.conftest import png_bytes

SHEET = png_bytes()


def sheet(name: str = "签名表.png", data: bytes = SHEET) -> uploads.Upload:
    return uploads.Upload(name, data)


def stored_sheets(app) -> list:
    folder = uploads.folder(paper.SHEETS)
    return sorted(folder.iterdir()) if folder.is_dir() else []


def sheet_rows() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SupportSheet))


def make_organization(make_user, worker, status: str = "verified", name: str = "幸福里志愿者协会"):
    """A partner organization and its owner (verified unless status says otherwise)."""
    owner = make_user("partner")
    organization = organizations.register_organization(
        owner, name=name, kind="volunteer_association", description="社区志愿服务。")
    if status == "verified":
        organizations.review_organization(worker, organization, "verified")
    db.session.commit()
    return organization, owner
