"""The proposals' search on PostgreSQL: a stored to_tsvector('simple', …) with a GIN index.

The module's app runs on a throwaway PostgreSQL database, migrated from empty, so the
index the migration makes is the one searched; the tests are those of test_search.py.
"""

import flask_migrate
import pytest
import sqlalchemy as sa

from govhub import create_app
from govhub.extensions import db
from tests.conftest import TEST_SETTINGS
from tests.helpers.servers import postgres_database
from tests.proposals.test_search import (  # noqa: F401  (collected here, on PostgreSQL)
    author,
    board,
    propose,
    test_a_chinese_word_finds_the_proposals_that_contain_it,
    test_a_chinese_word_is_a_phrase_not_scattered_characters,
    test_a_draft_never_matches,
    test_a_long_text_stays_fast,
    test_a_near_duplicate_comes_first,
    test_a_proposal_sharing_one_small_word_is_not_similar,
    test_a_query_of_only_punctuation_matches_nothing,
    test_a_synonym_finds_the_same_proposals,
    test_a_title_edit_reindexes,
    test_an_edit_rolled_back_leaves_the_index_as_it_was,
    test_an_english_word_is_found_by_its_beginning,
    test_drafts_and_other_councils_are_never_similar,
    test_every_proposal_has_one_document,
    test_every_word_must_match,
    test_open_proposals_come_before_closed_ones,
    test_operators_typed_by_a_user_are_words,
    test_punctuation_or_nothing_finds_nothing_similar,
    test_similar_works_in_english_and_across_languages_by_synonyms,
    test_the_limit_is_kept,
    test_the_page_combines_keywords_with_its_other_filters,
    test_title_matches_come_before_body_matches,
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def _app(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("proposal-search-postgres")
    with postgres_database("proposal_search") as url:
        app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path / "instance"),
                          "database_url": url})
        with app.app_context():
            flask_migrate.upgrade()
        try:
            yield app
        finally:
            with app.app_context():
                for engine in db.engines.values():
                    engine.dispose()


def test_the_search_uses_the_gin_index(app, board):  # noqa: F811
    db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(db.session.scalars(sa.text(
        "EXPLAIN SELECT proposal_id FROM proposal_search WHERE vector @@ CAST(:q AS tsquery)"),
        {"q": "('雨棚')"}))
    assert "ix_proposal_search_vector" in plan
