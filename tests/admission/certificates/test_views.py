"""The certificate pages: issue a listed one, answer another type, public counts."""

import sqlalchemy as sa

from govhub.admission.certificates.models import Certificate
from govhub.admission.refusals.models import Refusal
from govhub.extensions import db


def test_a_worker_issues_a_listed_certificate(client, login, post_form, worker, community,
                                              today):
    login(worker)
    path = f"/c/{community.slug}/certificates"
    page = client.get(path).get_data(as_text=True)
    assert "Proof of residence" in page and "Residents' committee election" not in page
    response = post_form(path, {"certificate": "ZM-01", "resident_name": "张三",
                                "issued_on": today.isoformat()})
    assert response.status_code == 302
    assert "张三" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Certificate.id))) == 1


def test_a_type_off_the_list_is_refused_on_the_form(login, post_form, worker, community,
                                                    today):
    login(worker)
    response = post_form(f"/c/{community.slug}/certificates",
                         {"certificate": "YF-01", "resident_name": "张三",
                          "issued_on": today.isoformat()})
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Certificate.id))) == 0


def test_another_certificate_shows_the_refusal_text(client, login, post_form, worker,
                                                     community):
    login(worker)
    response = post_form(f"/c/{community.slug}/certificates/other",
                         {"other-what": "无犯罪记录证明", "other-who_asks": "某银行"},
                         page=f"/c/{community.slug}/certificates")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Certificate not on the list" in page and "Proof of residence" in page
    assert db.session.scalar(sa.select(Refusal.rule)) == "certificate_not_listed"


def test_an_empty_other_request_changes_nothing(login, post_form, worker, community):
    login(worker)
    response = post_form(f"/c/{community.slug}/certificates/other", {"other-what": " "},
                         page=f"/c/{community.slug}/certificates")
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Refusal.id))) == 0


def test_the_list_with_names_is_the_office_s(client, login, community, make_user, catalogue):
    login(make_user("resident"))
    assert client.get(f"/c/{community.slug}/certificates").status_code == 403


def test_the_public_counts_name_no_resident(client, worker, community, catalogue, today):
    from govhub.admission.certificates.services import issue_certificate

    issue_certificate(worker, community, code="ZM-01", issued_on=today, resident_name="张三")
    db.session.commit()
    page = client.get(f"/c/{community.slug}/certificates/figures").get_data(as_text=True)
    assert "Proof of residence" in page and "张三" not in page
    assert worker.display_name not in page
    csv = client.get(f"/c/{community.slug}/certificates/figures.csv").get_data(as_text=True)
    assert csv.lstrip("\ufeff").splitlines()[1].endswith("ZM-01,居住证明,Proof of residence,1")
    assert "张三" not in csv
    body = client.get(f"/c/{community.slug}/certificates/figures.json").get_json()
    assert body["figures"][0]["count"] == 1 and "张三" not in str(body)
