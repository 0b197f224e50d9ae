"""Keyword search over offerings: the tokens, the index kept current, the page and the API."""

import pytest

from govhub.extensions import db
from govhub.partners.offerings import search
from govhub.partners.offerings import services as offerings
from govhub.partners.offerings.queries import public_offerings
from govhub.partners.organizations import services


def _titles(community, keywords: str) -> list[str]:
    return sorted(_in_order(community, keywords))


def _in_order(community, keywords: str) -> list[str]:
    """The titles as the page lists them (most relevant first, then the newest)."""
    return [o.title for o in public_offerings(community, keywords=keywords).items]


@pytest.fixture
def catalogue(make_offering, make_organization):
    """Four published offerings and a draft, in Chinese and English."""
    make_offering(title="老年书法班", description="每周三上午，笔墨纸砚由协会提供。",
                  location_name="社区活动室")
    make_offering(title="养老政策咨询", mode="on_request", category="elderly_care",
                  eligibility="60岁以上本社区居民", location_name="党群服务中心")
    make_offering(title="Yoga for beginners", description="Gentle stretching, mats provided.",
                  location_name="Community hall")
    arts = make_organization(name="幸福里艺术团")
    make_offering(title="Calligraphy 书法 workshop", organization=arts,
                  location_name="二楼教室")
    make_offering(title="草稿：书法进阶", status="draft")


# --- tokens -----------------------------------------------------------------------------------

def test_chinese_runs_become_bigrams_then_single_characters():
    assert search.document("书法班") == "书法 法班 书 法 班"


def test_latin_words_are_lower_cased_and_full_width_forms_folded():
    assert search.document("Ｙｏｇａ Class, 60+") == "yoga class 60"


def test_mixed_text_keeps_each_script_apart():
    assert search.document("Yoga瑜伽课") == "yoga 瑜伽 伽课 瑜 伽 课"


def test_query_terms_are_phrases_characters_and_prefixes():
    assert search.terms("书法班 书 Yog") == [("phrase", ["书法", "法班"]), ("char", ["书"]),
                                            ("prefix", ["yog"])]


def test_operators_typed_by_a_user_are_not_letters_and_vanish():
    assert search.terms('"* OR ( ) : \' - NEAR') == [("prefix", ["or"]), ("prefix", ["near"])]


def test_match_expressions_quote_every_token():
    found = search.terms("书法班 yoga")
    assert search.fts5_query(found) == '"书法 法班" AND "yoga"*'
    assert search.tsquery(found) == "('书法' <-> '法班') & 'yoga':*"


def test_only_the_first_words_of_a_long_query_count():
    assert len(search.terms(" ".join(f"w{i}" for i in range(50)))) == search.TERMS_MAX


# --- the index ---------------------------------------------------------------------------------

@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(("keywords", "expected"), [
    ("书法", ["Calligraphy 书法 workshop", "老年书法班"]),
    ("养老", ["养老政策咨询"]),
    ("书法班", ["老年书法班"]),
    ("班", ["老年书法班"]),
    ("60岁", ["养老政策咨询"]),  # eligibility, a number and a character
    ("yoga", ["Yoga for beginners"]),
    ("YOG", ["Yoga for beginners"]),
    ("stretch mats", ["Yoga for beginners"]),
    ("艺术团", ["Calligraphy 书法 workshop"]),  # the organization's name
    ("党群服务", ["养老政策咨询"]),  # the place
    ("calligraphy 书法", ["Calligraphy 书法 workshop", "老年书法班"]),  # one term, synonyms
    ("书法 yoga", []),
    ("法书", []),
    ("进阶", []),  # only in a draft
    ("swimming", []),
])
def test_keywords_find_public_offerings(community, keywords, expected):
    assert _titles(community, keywords) == expected


CALLIGRAPHY = ["Calligraphy 书法 workshop", "老年书法班"]  # 书法 in both titles: newest first


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(("keywords", "expected"), [
    ('"', []), ("*", []), ("(", []), ("')", []), ("\\", []), ("%", []), ("_", []),  # no letters
    ("OR", []), ("书法 OR", []), ("NOT 书法", []),  # operators are words that must match
    ("a:b", []), ("'; DROP TABLE x; --", []), ("NEAR(书法 班)", []),
    ('"书法', CALLIGRAPHY), ("书法*", CALLIGRAPHY), ("书法^", CALLIGRAPHY),
    ("-书法", CALLIGRAPHY),  # the punctuation is dropped, the word stays
])
def test_odd_input_is_read_as_its_words(community, keywords, expected):
    """What a resident sees, in order: operators and punctuation are never syntax."""
    assert _in_order(community, keywords) == expected


@pytest.mark.usefixtures("catalogue")
def test_a_query_without_letters_matches_nothing(community):
    assert _titles(community, "*") == []


@pytest.mark.usefixtures("catalogue")
def test_an_empty_query_filters_nothing(community):
    assert len(_titles(community, "  ")) == 4


def test_an_edited_offering_is_found_by_its_new_words(community, make_offering, owner):
    offering = make_offering(title="太极拳晨练")
    assert _titles(community, "太极") == ["太极拳晨练"]
    offerings.update_offering(owner, offering, title="八段锦晨练", category="culture_sports",
                              mode="sessions")
    db.session.commit()
    assert _titles(community, "太极") == []
    assert _titles(community, "段锦") == ["八段锦晨练"]


def test_a_renamed_organization_is_found_by_its_new_name(community, organization,
                                                        make_offering, owner):
    make_offering(title="义务理发")
    services.update_organization(owner, organization, name="阳光志愿服务队", kind="other")
    db.session.commit()
    assert _titles(community, "阳光") == ["义务理发"]


def test_a_change_rolled_back_leaves_the_index_as_it_was(community, make_offering, owner):
    offering = make_offering(title="太极拳晨练")
    offerings.update_offering(owner, offering, title="八段锦晨练", category="culture_sports",
                              mode="sessions")
    db.session.flush()
    db.session.rollback()
    assert _titles(community, "太极") == ["太极拳晨练"]


# --- the page and the API --------------------------------------------------------------------

@pytest.mark.usefixtures("catalogue")
def test_the_browse_page_searches_without_javascript(client, community):
    page = client.get(f"/c/{community.slug}/services?q=书法").get_data(as_text=True)
    assert "老年书法班" in page and "Yoga for beginners" not in page
    assert 'name="q"' in page and 'value="书法"' in page


@pytest.mark.usefixtures("catalogue")
def test_the_browse_page_says_when_nothing_matches(client, community):
    page = client.get(f"/c/{community.slug}/services?q=swimming").get_data(as_text=True)
    assert "No service matches" in page


@pytest.mark.usefixtures("catalogue")
def test_keywords_and_filters_combine(client, community):
    page = client.get(f"/c/{community.slug}/services?q=书法&place=二楼教室").get_data(as_text=True)
    assert "Calligraphy 书法 workshop" in page and "老年书法班" not in page


@pytest.mark.usefixtures("catalogue")
def test_a_too_long_query_is_refused_on_the_page(client, community):
    response = client.get(f"/c/{community.slug}/services?q={'书' * 101}")
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(("keywords", "found"), [
    ('"', []), ("*", []), ("OR", []), ("NEAR(", []), ("书法*", CALLIGRAPHY)])
def test_the_page_answers_odd_queries(client, community, keywords, found):
    response = client.get(f"/c/{community.slug}/services", query_string={"q": keywords})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    shown = [title for title in ["老年书法班", "养老政策咨询", "Yoga for beginners",
                                 "Calligraphy 书法 workshop"] if title in page]
    assert sorted(shown) == sorted(found)
    assert ("No service matches" in page) == (not found)


@pytest.mark.usefixtures("catalogue")
def test_a_nul_in_the_query_is_refused(client, community):
    assert client.get(f"/c/{community.slug}/services?q=%00书法").status_code == 400
    assert client.get(f"/api/v1/offerings?community={community.slug}&q=%00").status_code == 400


@pytest.mark.usefixtures("catalogue")
def test_the_api_searches_with_q(client, community):
    body = client.get(f"/api/v1/offerings?community={community.slug}&q=养老").get_json()
    assert [item["title"] for item in body["items"]] == ["养老政策咨询"]
    assert body["total"] == 1


@pytest.mark.usefixtures("catalogue")
def test_the_api_refuses_a_too_long_query(client, community):
    response = client.get(f"/api/v1/offerings?community={community.slug}&q={'x' * 101}")
    assert response.status_code == 422
    assert "error" in response.get_json()


@pytest.mark.usefixtures("catalogue")
@pytest.mark.parametrize(("keywords", "page", "shown", "total"), [
    ("", 1, 3, 4), ("", 2, 1, 4), ("", 5, 0, 4), ("书法", 1, 2, 2), ("书法", 3, 0, 2),
    ("swimming", 1, 0, 0), ("swimming", 2, 0, 0)])
def test_pages_count_the_matches_once(community, keywords, page, shown, total):
    found = public_offerings(community, keywords=keywords, page=page, per_page=3)
    assert (len(found.items), found.total) == (shown, total)
    assert found.pages == (total + 2) // 3
