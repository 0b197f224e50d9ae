"""Synonyms and relevance in the offerings' search: the curated list, the pure rules that
expand a query and rank the matches, and what residents find with them."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.extensions import db
from govhub.partners.offerings import rules, search
from govhub.partners.offerings.queries import public_offerings

C, L = True, False  # a word's script: Chinese (CJK) or another (Latin)
ELDERLY = ((C, "老人"), (C, "长者"), (L, "elderly"))


# --- the list -----------------------------------------------------------------------------------

def test_the_list_loads_with_each_word_in_one_group():
    index = search.synonyms()  # rules.synonym_index refuses a word in two groups
    assert index[(C, "老人")] == index[(C, "长者")] == index[(L, "elderly")]
    assert (L, "calligraphy") in index[(C, "书法")]


def test_each_word_of_the_list_is_one_word_and_long_enough():
    import tomllib

    with search.SYNONYMS.open("rb") as data:
        groups = tomllib.load(data)["group"]
    for group in groups:
        assert len(group["words"]) >= 2, group
        for text in group["words"]:
            words = search.runs(text)
            assert len(words) == 1, f"{text!r} is not one word"
            is_cjk, word = words[0]
            assert len(word) >= (2 if is_cjk else 3), f"{text!r} would find too much"


# --- the rules (pure) ---------------------------------------------------------------------------

def test_a_word_in_two_groups_is_refused():
    with pytest.raises(ValueError, match="老人"):
        rules.synonym_index([[(C, "老人"), (C, "长者")], [(C, "老人"), (L, "old")]])


def test_a_group_repeating_a_word_keeps_it_once():
    assert rules.synonym_index([[(C, "老人"), (C, "老人")]]) == {(C, "老人"): ((C, "老人"),)}


def test_a_word_expands_to_its_group_as_typed_first():
    index = rules.synonym_index([ELDERLY])
    assert rules.expand([(C, "长者")], index) == [((C, "长者"), (C, "老人"), (L, "elderly"))]


def test_a_word_without_synonyms_stays_alone():
    assert rules.expand([(C, "书法"), (L, "yog")], {}) == [((C, "书法"),), ((L, "yog"),)]


def test_two_words_of_one_group_are_one_term():
    index = rules.synonym_index([ELDERLY])
    assert rules.expand([(L, "elderly"), (C, "老人"), (C, "书法")], index) == [
        ((L, "elderly"), (C, "老人"), (C, "长者")), ((C, "书法"),)]


@pytest.mark.parametrize(("text", "word", "found"), [
    ([(C, "长者智能手机课")], (C, "手机"), True),  # inside a Chinese run
    ([(C, "长者智"), (C, "能手机课")], (C, "智能"), False),  # not across runs
    ([(L, "calligraphy")], (L, "calli"), True),  # the start of a word
    ([(L, "calligraphy")], (L, "graphy"), False),  # not its middle
    ([(C, "书法"), (L, "yoga")], (L, "书法"), False),  # a word of the other script
    ([(L, "书法")], (C, "书法"), False),
    ([], (C, "书法"), False),
])
def test_a_text_mentions_a_word_as_the_search_matches_it(text, word, found):
    assert rules.mentions(text, word) is found


def test_relevance_counts_terms_in_the_title_and_those_as_typed():
    terms = [ELDERLY, ((C, "手机"),)]
    assert rules.relevance([(C, "老人手机课")], terms) == (2, 2)
    assert rules.relevance([(C, "长者手机课")], terms) == (2, 1)  # 长者: a synonym of 老人
    assert rules.relevance([(C, "长者课")], terms) == (1, 0)
    assert rules.relevance([(L, "yoga")], terms) == (0, 0)


def test_the_ranking_puts_the_title_first_then_as_typed_then_newest():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    terms = [ELDERLY, ((C, "手机"),)]
    candidates = [
        (1, [(C, "书法班")], now),  # both terms only in the body: last but for age
        (2, [(C, "长者手机课")], now - timedelta(days=9)),  # both in the title, one by synonym
        (3, [(C, "老人手机课")], now - timedelta(days=30)),  # both as typed: first, though old
        (4, [(C, "手机课")], now),  # one term in the title
        (5, [(C, "书法班")], now - timedelta(days=1)),
        (6, [(C, "书法班")], None),  # never published (cannot happen in public): oldest
        (7, [(C, "书法班")], now),  # a tie: the higher id first
    ]
    assert rules.rank(candidates, terms) == [3, 2, 4, 7, 1, 5, 6]


WORDS = st.tuples(st.booleans(), st.sampled_from(["老人", "长者", "书法", "yoga", "eld", "手机"]))


@given(st.lists(st.tuples(st.integers(1, 50), st.lists(WORDS, max_size=4),
                          st.none() | st.datetimes(timezones=st.just(UTC))),
                unique_by=lambda c: c[0], max_size=12),
       st.lists(WORDS, min_size=1, max_size=3))
def test_the_ranking_keeps_every_candidate_once(candidates, words):
    ranked = rules.rank(candidates, rules.expand(words, rules.synonym_index([ELDERLY])))
    assert sorted(ranked) == sorted(c[0] for c in candidates)


@pytest.mark.parametrize(("words", "broadest"), [
    # 志愿 is inside 志愿服务 and 志愿者; volunteer starts volunteers and volunteering
    ([(C, "志愿服务"), (C, "志愿"), (C, "志愿者"), (L, "volunteer"), (L, "volunteers")],
     [(C, "志愿"), (L, "volunteer")]),
    ([(L, "children"), (L, "child"), (L, "kid"), (L, "kids")], [(L, "child"), (L, "kid")]),
    ([(C, "老人"), (C, "长者"), (L, "elderly")], [(C, "老人"), (C, "长者"), (L, "elderly")]),
    ([(C, "书"), (C, "书法")], [(C, "书")]),  # one character inside a word
    ([(L, "书法"), (C, "书法")], [(L, "书法"), (C, "书法")]),  # another script: not implied
    ([(L, "eld"), (L, "yeld")], [(L, "eld"), (L, "yeld")]),  # a prefix, not a middle
])
def test_the_broadest_words_leave_out_those_another_implies(words, broadest):
    assert rules.broadest(words) == tuple(broadest)


TEXT_WORDS = st.tuples(st.booleans(), st.text("老人者年书法eldyo", min_size=1, max_size=4))


@given(st.lists(TEXT_WORDS, max_size=4), st.lists(TEXT_WORDS, min_size=1, max_size=6,
                                                  unique=True))
def test_a_text_mentions_one_of_the_broadest_words_exactly_when_one_of_all(text, words):
    assert any(rules.mentions(text, word) for word in rules.broadest(words)) == any(
        rules.mentions(text, word) for word in words)


def test_match_expressions_leave_out_implied_synonyms():
    terms = rules.expand([(C, "志愿服务")], rules.synonym_index(
        [[(C, "志愿服务"), (C, "志愿"), (C, "义工"), (L, "volunteer"), (L, "volunteers")]]))
    assert search.fts5_query(terms) == '("志愿" OR "义工" OR "volunteer"*)'
    assert search.tsquery(terms) == "(('志愿') | ('义工') | 'volunteer':*)"


def test_match_expressions_offer_the_synonyms():
    terms = rules.expand([(C, "老人"), (C, "书法")], rules.synonym_index([ELDERLY]))
    assert search.fts5_query(terms) == '("老人" OR "长者" OR "elderly"*) AND "书法"'
    assert search.tsquery(terms) == "(('老人') | ('长者') | 'elderly':*) & ('书法')"


# --- what residents find --------------------------------------------------------------------------

def _titles(community, keywords: str) -> list[str]:
    return [o.title for o in public_offerings(community, keywords=keywords).items]


@pytest.fixture
def elderly_offerings(make_offering):
    """Offerings for older residents, each naming them with another word."""
    older = make_offering(title="老年人健康讲座", category="health")
    make_offering(title="独居老人结对探访", mode="on_request", category="elderly_care")
    make_offering(title="长者智能手机课", description="教老人用微信视频。")
    make_offering(title="少儿书法班", category="childcare")
    make_offering(title="Yoga for beginners", description="For seniors and everyone.")
    older.published_at -= timedelta(days=3)
    db.session.commit()


@pytest.mark.usefixtures("elderly_offerings")
def test_the_words_for_old_people_find_the_same_offerings(community):
    found = {word: sorted(_titles(community, word))
             for word in ("老人", "长者", "老年人", "elderly", "Senior")}
    assert found["老人"] == ["Yoga for beginners", "独居老人结对探访", "老年人健康讲座",
                           "长者智能手机课"]
    assert all(titles == found["老人"] for titles in found.values()), found


@pytest.mark.usefixtures("elderly_offerings")
def test_english_words_find_chinese_offerings(community):
    assert _titles(community, "calligraphy") == ["少儿书法班"]
    assert _titles(community, "smartphone") == ["长者智能手机课"]
    assert _titles(community, "elderly phone") == ["长者智能手机课"]


@pytest.mark.usefixtures("elderly_offerings")
def test_the_matches_come_by_relevance(community):
    # 老人 as typed in the title first; then a synonym in the title (the newer one first,
    # the health talk was published three days earlier); then the word only in the body.
    assert _titles(community, "老人") == ["独居老人结对探访", "长者智能手机课", "老年人健康讲座",
                                        "Yoga for beginners"]


@pytest.mark.usefixtures("elderly_offerings")
@pytest.mark.parametrize(("page", "titles"), [(1, 2), (2, 2), (3, 0)])
def test_the_ranked_matches_come_a_page_at_a_time(community, page, titles):
    found = public_offerings(community, keywords="老人", page=page, per_page=2)
    assert (len(found.items), found.total, found.pages) == (titles, 4, 2)


@pytest.mark.usefixtures("elderly_offerings")
def test_no_match_in_english_says_offerings_are_written_in_chinese(client, community):
    page = client.get(f"/c/{community.slug}/services?q=swimming").get_data(as_text=True)
    assert "mostly written in Chinese" in page
    assert '<span lang="zh-CN">老人、儿童、书法</span>' in page  # marked, not escaped
    assert f"/c/{community.slug}/services?category=elderly_care" in page  # browse by category
    found = client.get(f"/c/{community.slug}/services?q=elderly").get_data(as_text=True)
    assert "mostly written in Chinese" not in found and "独居老人结对探访" in found


@pytest.mark.usefixtures("elderly_offerings")
@pytest.mark.parametrize("keywords", ["老人", "长者 手机", "elderly", "senior", "书法", "课"])
def test_the_database_ranks_as_the_rule_does(community, keywords):
    found = public_offerings(community, keywords=keywords).items
    expected = rules.rank([(o.id, search.runs(o.title), o.published_at) for o in found],
                          search.query_terms(keywords))
    assert [o.id for o in found] == expected
