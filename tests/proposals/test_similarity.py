"""Similar proposals' rules (pure): the words looked for, and the ranking."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from govhub.core.keyword_search import mentions, runs, synonym_index
from govhub.proposals import similarity
from govhub.proposals.similarity import Candidate

C, L = True, False  # a word's script: Chinese (CJK) or another (Latin)
T0 = datetime(2026, 12, 1, tzinfo=UTC)


def _terms(title: str, body: str = "", index=None):
    return similarity.terms(similarity.words(title, body), index or {})


def _candidate(id_: int, title: str, body: str = "", is_open: bool = True,
               days: int = 0) -> Candidate:
    return Candidate(id=id_, title=runs(title), text=runs(title) + runs(body), is_open=is_open,
                     published_at=T0 + timedelta(days=days))


# --- the words ----------------------------------------------------------------------------------

def test_chinese_becomes_its_distinct_bigrams_title_first():
    assert similarity.words("东门雨棚", "雨棚漏雨") == [
        (C, "东门"), (C, "门雨"), (C, "雨棚"), (C, "棚漏"), (C, "漏雨")]


def test_a_lone_chinese_character_and_short_words_are_not_looked_for():
    assert similarity.words("修 a to the lamp", "") == [(L, "the"), (L, "lamp")]


def test_punctuation_splits_runs_and_is_no_word():
    assert similarity.words("东门，雨棚！", "“”") == [(C, "东门"), (C, "雨棚")]


def test_full_width_and_capitals_are_read_as_plain_letters():
    assert similarity.words("ＬＡＭＰ Lamp", "") == [(L, "lamp")]


def test_only_the_start_of_the_body_counts():
    body = "甲" * similarity.BODY_CHARS + "雨棚"
    assert (C, "雨棚") not in similarity.words("", body)


def test_the_words_are_capped():  # a long text stays fast
    found = similarity.words("".join(chr(0x4E00 + n) for n in range(100)), "")
    assert len(found) == similarity.TERMS_MAX


def test_a_word_brings_its_synonyms():
    index = synonym_index([[(C, "老人"), (C, "长者"), (L, "elderly")]])
    assert _terms("长者", index=index) == [((C, "长者"), (C, "老人"), (L, "elderly"))]


def test_shared_counts_each_term_once_by_any_alternative():
    index = synonym_index([[(C, "老人"), (C, "长者")]])
    found = _terms("长者扶手", index=index)  # 长者 (or 老人), 者扶, 扶手
    assert similarity.shared(runs("老人需要扶手，扶手"), found) == 2


def test_a_latin_word_is_shared_by_words_it_begins():
    assert similarity.shared(runs("the swings"), _terms("swing")) == 1
    assert similarity.shared(runs("a swing"), _terms("swings")) == 0


# --- the ranking --------------------------------------------------------------------------------

def test_title_matches_outrank_more_matches_in_the_body():
    found = _terms("东门加装雨棚")
    in_body = _candidate(1, "几点意见", "东门加装雨棚")
    in_title = _candidate(2, "东门雨棚", "请支持")
    assert similarity.rank([in_body, in_title], found, 5) == [2, 1]


def test_with_equal_titles_more_shared_words_win():
    found = _terms("东门加装雨棚", "下雨天淋雨")
    few = _candidate(1, "东门雨棚", "请支持")
    many = _candidate(2, "东门雨棚", "下雨天会淋雨", days=-5)
    assert similarity.rank([few, many], found, 5) == [2, 1]


def test_open_before_closed_then_newest_then_highest_id():
    found = _terms("东门雨棚")
    closed_new = _candidate(1, "东门雨棚", is_open=False, days=9)
    open_old = _candidate(2, "东门雨棚", days=1)
    open_new = _candidate(3, "东门雨棚", days=2)
    open_new_again = _candidate(4, "东门雨棚", days=2)
    assert similarity.rank([closed_new, open_old, open_new, open_new_again], found, 5) == [
        4, 3, 2, 1]


def test_an_unpublished_date_comes_last():
    found = _terms("东门雨棚")
    dated = _candidate(1, "东门雨棚")
    undated = Candidate(id=2, title=runs("东门雨棚"), text=runs("东门雨棚"), is_open=True,
                        published_at=None)
    assert similarity.rank([undated, dated], found, 5) == [1, 2]


def test_sharing_one_word_of_several_is_not_enough():
    found = _terms("东门加装雨棚")
    assert similarity.rank([_candidate(1, "楼道加装扶手")], found, 5) == []


def test_a_one_word_text_needs_that_word_only():
    found = _terms("雨棚")
    assert similarity.rank([_candidate(1, "加装雨棚"), _candidate(2, "路灯")], found, 5) == [1]


def test_no_terms_or_no_room_ranks_nothing():
    assert similarity.rank([_candidate(1, "东门雨棚")], [], 5) == []
    assert similarity.rank([_candidate(1, "东门雨棚")], _terms("东门雨棚"), 0) == []


TEXTS = st.text(alphabet="东门雨棚加装楼道扶手 ab", max_size=12)


@given(st.lists(st.tuples(TEXTS, TEXTS, st.booleans(), st.integers(-5, 5)), max_size=8),
       TEXTS, st.integers(0, 6))
def test_the_ranking_is_the_order_of_its_keys(rows, title, limit):
    found = _terms(title)
    candidates = [_candidate(n, *row) for n, row in enumerate(rows)]
    ranked = similarity.rank(candidates, found, limit)
    assert len(ranked) <= limit and len(set(ranked)) == len(ranked)
    by_id = {c.id: c for c in candidates}
    keys = [(similarity.shared(by_id[i].title, found), similarity.shared(by_id[i].text, found),
             by_id[i].is_open, by_id[i].published_at, i) for i in ranked]
    assert keys == sorted(keys, reverse=True)
    least = min(similarity.MIN_SHARED, len(found))
    left_out = [c for c in candidates if c.id not in ranked]
    assert all(similarity.shared(c.text, found) >= least > 0 for c in map(by_id.get, ranked))
    if len(ranked) < limit:  # everyone similar enough is in
        assert all(similarity.shared(c.text, found) < least or least == 0 for c in left_out)


WORDS = st.lists(st.tuples(st.booleans(), st.text(alphabet="东门雨棚ab", min_size=1, max_size=4)),
                 max_size=6)


@given(WORDS, st.lists(st.lists(st.tuples(st.booleans(), st.text(
    alphabet="东门雨棚ab", min_size=1, max_size=3)), min_size=1, max_size=3), max_size=4))
def test_shared_counts_as_the_search_matches_a_word(text, found):
    expected = sum(1 for alternatives in found
                   if any(mentions(text, word) for word in alternatives))
    assert similarity.shared(text, [tuple(a) for a in found]) == expected
