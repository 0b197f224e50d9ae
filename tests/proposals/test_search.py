"""Keyword search over proposals and the proposals similar to one being written: what a
resident finds, what they never find (drafts), and the index kept current."""

import time

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.proposals import services
from govhub.proposals.queries import ListFilters, proposals_page
from govhub.proposals.search import ProposalSearch, matching_ids, similar_proposals

RAIN = ("东门加装遮雨棚", "下雨天在东门等车的居民没有地方避雨，建议加装遮雨棚。")
RAILS = ("楼道加装扶手", "老人上下楼不便，建议在各楼道加装扶手。")
SWINGS = ("Repair the playground swings", "The swings in the children's playground are broken.")


@pytest.fixture
def author(make_user):
    return make_user()


@pytest.fixture
def propose(council, worker, author):
    """propose(title, body, publish=True, to=council) -> a proposal, committed."""
    services.save_settings(worker, council, threshold_kind="absolute", threshold_value=5,
                           time_limit_days=90, answer_working_days=15, supports_public=False)

    def make(title: str, body: str, publish: bool = True, to=None):
        proposal = services.create_proposal(author, to or council, title=title, body=body,
                                            category="facilities", publish=publish)
        db.session.commit()
        return proposal

    return make


@pytest.fixture
def board(propose):
    """Three public proposals (two in Chinese, one in English) and a draft."""
    made = [propose(*RAIN), propose(*RAILS), propose(*SWINGS)]
    propose("草稿：西门装路灯", "晚上西门太暗，想装一盏路灯。", publish=False)
    return made


def _titles(query: str) -> list[str]:
    return sorted(p.title for p in proposals_page(ListFilters(query=query)).items)


# --- the browse search ------------------------------------------------------------------------

def test_a_chinese_word_finds_the_proposals_that_contain_it(board):
    assert _titles("雨棚") == [RAIN[0]]
    assert _titles("加装") == [RAIN[0], RAILS[0]]


def test_a_chinese_word_is_a_phrase_not_scattered_characters(board):
    assert _titles("门雨") == []  # 门 and 雨 are both in 东门加装遮雨棚, never together


def test_every_word_must_match(board):
    assert _titles("加装 扶手") == [RAILS[0]]
    assert _titles("雨棚 扶手") == []


def test_an_english_word_is_found_by_its_beginning(board):
    assert _titles("swing") == [SWINGS[0]]
    assert _titles("PLAYGROUND") == [SWINGS[0]]
    assert _titles("swimming") == []


def test_a_synonym_finds_the_same_proposals(board):
    # The rails' body says 老人; residents also say 长者, and visitors "elderly".
    assert _titles("长者") == _titles("elderly") == _titles("老人") == [RAILS[0]]


def test_a_draft_never_matches(board):
    assert _titles("路灯") == []
    assert _titles("草稿") == []


def test_a_query_of_only_punctuation_matches_nothing(board):
    for query in ('！？…', '"*()', "^ : ( ) -", "\x00"):
        assert _titles(query) == [], query
    assert matching_ids("   ") is None  # no query: no keyword filter at all


def test_operators_typed_by_a_user_are_words(board):
    assert _titles('"swings" OR "扶手"') == []  # "or" is a word that matches nothing here
    assert _titles("swings*") == [SWINGS[0]]


def test_the_page_combines_keywords_with_its_other_filters(board, council, make_council):
    other = make_council(members=1)
    assert proposals_page(ListFilters(council_id=council.id, query="加装")).total == 2
    assert proposals_page(ListFilters(council_id=other.id, query="加装")).total == 0
    assert proposals_page(ListFilters(council_id=council.id, query="加装",
                                      sort="most_supported")).total == 2


def test_a_title_edit_reindexes(propose, author):
    proposal = propose("修剪小区绿化", "树枝挡住了路灯。", publish=False)
    services.update_draft(author, proposal, title="修缮小区路灯", body="路灯坏了三盏。",
                          category="facilities")
    services.publish_proposal(author, proposal)
    db.session.commit()
    assert _titles("修缮") == ["修缮小区路灯"]
    assert _titles("绿化") == []


def test_an_edit_rolled_back_leaves_the_index_as_it_was(board):
    proposal = board[0]
    proposal.title = "完全不同的标题"
    db.session.flush()
    db.session.rollback()
    assert _titles("雨棚") == [RAIN[0]]
    assert _titles("完全") == []


def test_every_proposal_has_one_document(board):
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalSearch)) == 4


# --- similar proposals ------------------------------------------------------------------------

def test_a_near_duplicate_comes_first(board, council):
    similar = similar_proposals(council.id, "小区东门加装雨棚",
                                "下雨天居民在东门淋雨，请加装雨棚。")
    assert similar[0].title == RAIN[0]
    assert SWINGS[0] not in [p.title for p in similar]


def test_a_proposal_sharing_one_small_word_is_not_similar(board, council):
    assert [p.title for p in similar_proposals(council.id, "小区东门加装雨棚", "")] == [RAIN[0]]


def test_similar_works_in_english_and_across_languages_by_synonyms(board, council):
    assert [p.title for p in similar_proposals(
        council.id, "Fix the swings", "The playground swings creak.")] == [SWINGS[0]]
    assert RAILS[0] in [p.title for p in similar_proposals(
        council.id, "长者上楼扶手", "")]  # 长者 finds the rails' 老人


def test_drafts_and_other_councils_are_never_similar(board, council, propose, make_council):
    other = make_council(members=1)
    propose("东门加装遮雨棚", "别的议事会", to=other)
    propose("东门雨棚草稿", "东门加装雨棚", publish=False)
    similar = similar_proposals(council.id, "东门加装雨棚", "")
    assert [p.id for p in similar] == [board[0].id]
    assert similar_proposals(other.id, "西门装路灯", "西门太暗") == []


def test_open_proposals_come_before_closed_ones(propose, author, council):
    closed = propose("东门加装雨棚", "请大家支持。")
    open_ = propose("东门加装雨棚", "请大家支持。")
    newer_closed = propose("东门加装雨棚", "请大家支持。")
    for proposal in (closed, newer_closed):
        services.withdraw_proposal(author, proposal, "重复了")
    db.session.commit()
    similar = similar_proposals(council.id, "东门加装雨棚", "")
    assert [p.id for p in similar] == [open_.id, newer_closed.id, closed.id]


def test_title_matches_come_before_body_matches(propose, council):
    in_body = propose("小区环境的几点意见", "东门加装雨棚，东门加装雨棚，还有东门加装雨棚。")
    in_title = propose("东门加装雨棚", "下雨天很不方便。")
    similar = similar_proposals(council.id, "东门加装雨棚", "")
    assert [p.id for p in similar] == [in_title.id, in_body.id]


def test_the_limit_is_kept(propose, council):
    for n in range(4):
        propose(f"东门加装雨棚{n}", "请大家支持。")
    assert len(similar_proposals(council.id, "东门加装雨棚", "", limit=2)) == 2
    assert similar_proposals(council.id, "东门加装雨棚", "", limit=0) == []


def test_punctuation_or_nothing_finds_nothing_similar(board, council):
    assert similar_proposals(council.id, "！？……", "“”（）*") == []
    assert similar_proposals(council.id, "", "") == []


def test_a_long_text_stays_fast(board, council):
    body = "东门加装遮雨棚，居民下雨天等车淋雨。" * 2000  # 36,000 characters
    started = time.perf_counter()
    similar = similar_proposals(council.id, "小区东门加装雨棚" * 20, body)
    assert time.perf_counter() - started < 1
    assert similar[0].title == RAIN[0]
