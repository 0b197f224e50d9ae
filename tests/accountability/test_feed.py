"""Each council's Atom feed: valid Atom (RFC 4287's required elements), its public
resolutions with their public items, nothing from private meetings or private items."""

import xml.etree.ElementTree as ET

import pytest

from govhub.extensions import db
from govhub.meetings.models import Meeting

ATOM = "{http://www.w3.org/2005/Atom}"
EN = {"Accept-Language": "en"}


def _council(resolution):
    return db.session.get(Meeting, resolution.meeting_id).council


def _feed(client, council_id: int, headers=EN) -> ET.Element:
    response = client.get(f"/councils/{council_id}/results.atom", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.get_data())
    assert root.tag == f"{ATOM}feed"
    return root


def test_the_feed_is_atom_with_every_required_element(client, make_resolution, make_item):
    resolution = make_resolution()
    make_item(resolution=resolution, title="规划公示", is_public=True)
    root = _feed(client, _council(resolution).id)
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}author/{ATOM}name").text
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].endswith(f"/councils/{_council(resolution).id}/results.atom")
    assert links["alternate"].endswith(f"/councils/{_council(resolution).id}/results")
    [entry] = root.findall(f"{ATOM}entry")
    for name in ("id", "title", "updated", "published", "summary"):
        assert entry.find(f"{ATOM}{name}") is not None, name
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/resolutions/{resolution.id}")
    assert entry.find(f"{ATOM}title").text == resolution.text
    summary = entry.find(f"{ATOM}summary").text
    assert "规划公示: Planned, 0% done" in summary


def test_the_feed_leaves_out_private_meetings_and_private_items(client, make_resolution,
                                                                make_item, make_meeting):
    public = make_resolution(text="公开的决议")
    council = _council(public)
    make_item(resolution=public, title="内部协调", is_public=False)
    make_resolution(text="不公开的决议",
                    meeting=make_meeting("adjourned", council=council, is_public=False))
    root = _feed(client, council.id)
    text = ET.tostring(root, encoding="unicode")
    assert "公开的决议" in text
    assert "不公开的决议" not in text and "内部协调" not in text


def test_an_entry_is_updated_when_its_items_are(client, make_resolution, make_item, move):
    resolution = make_resolution()
    item = make_item(resolution=resolution, is_public=True)
    move(item, "in_progress")
    entry = _feed(client, _council(resolution).id).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}updated").text == item.updated_at.isoformat()
    assert entry.find(f"{ATOM}published").text == resolution.decided_at.isoformat()


def test_a_council_without_resolutions_has_an_empty_valid_feed(client, make_council):
    council = make_council()
    root = _feed(client, council.id)
    assert root.findall(f"{ATOM}entry") == []
    assert root.find(f"{ATOM}updated").text


def test_the_feed_speaks_chinese_to_chinese_readers(client, make_resolution):
    resolution = make_resolution()
    root = _feed(client, _council(resolution).id, headers={"Accept-Language": "zh-CN"})
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"


def test_text_that_looks_like_markup_is_escaped(client, make_resolution, make_item):
    resolution = make_resolution(text="<b>加装</b> & 维修")
    make_item(resolution=resolution, title="a < b", is_public=True)
    entry = _feed(client, _council(resolution).id).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "<b>加装</b> & 维修"


@pytest.mark.parametrize("path", ["/councils/999999/results.atom"])
def test_an_unknown_council_has_no_feed(client, path):
    assert client.get(path).status_code == 404


def test_the_council_page_links_its_feed(client, make_council):
    council = make_council()
    page = client.get(f"/councils/{council.id}").get_data(as_text=True)
    assert f'href="/councils/{council.id}/results.atom"' in page
