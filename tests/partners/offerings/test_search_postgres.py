"""The same searches on PostgreSQL: a stored to_tsvector('simple', …) with a GIN index.

The module's app runs on a throwaway PostgreSQL database, migrated from
empty, so the index the migration makes is the one searched; the tests
are those of test_search.py that touch the database.
"""

import flask_migrate
import pytest
import sqlalchemy as sa

from govhub import create_app
from govhub.extensions import db
from tests.conftest import TEST_SETTINGS
from tests.helpers.servers import postgres_database
from tests.partners.offerings.test_search import (  # noqa: F401  (collected here, on PostgreSQL)
    catalogue,
    test_a_change_rolled_back_leaves_the_index_as_it_was,
    test_a_nul_in_the_query_is_refused,
    test_a_query_without_letters_matches_nothing,
    test_a_renamed_organization_is_found_by_its_new_name,
    test_an_edited_offering_is_found_by_its_new_words,
    test_keywords_find_public_offerings,
    test_odd_input_is_read_as_its_words,
    test_the_api_searches_with_q,
    test_the_page_answers_odd_queries,
)
from tests.partners.offerings.test_synonyms import (  # noqa: F401  (ranking, on PostgreSQL)
    elderly_offerings,
    test_english_words_find_chinese_offerings,
    test_the_database_ranks_as_the_rule_does,
    test_the_matches_come_by_relevance,
    test_the_words_for_old_people_find_the_same_offerings,
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def _app(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("search-postgres")
    with postgres_database("search") as url:
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


def test_the_search_uses_the_gin_index(app, catalogue):  # noqa: F811
    db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(db.session.scalars(sa.text(
        "EXPLAIN SELECT offering_id FROM offering_search WHERE vector @@ CAST(:q AS tsquery)"),
        {"q": "('书法' <-> '法班')"}))
    assert "ix_offering_search_vector" in plan
