"""The refusals-and-certificates migration: its tables come and go, rows and all."""

import flask_migrate
import pytest
import sqlalchemy as sa

from govhub import create_app
from govhub.extensions import db
from tests.conftest import TEST_SETTINGS

REVISION = "5fd279863a5e"
BEFORE = "fab610e80883"


@pytest.fixture
def empty_app(_app, tmp_path):
    app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path / "instance"),
                      "database_url": f"sqlite:///{tmp_path / 'm.sqlite3'}"})
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def _tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


def test_the_tables_come_and_go(empty_app):
    flask_migrate.upgrade(revision=REVISION)
    assert {"refusals", "certificates"} <= _tables()
    with db.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO communities (slug, name, name_en, description, timezone, locale,"
            " created_at) VALUES ('c', '社区', '', '', 'Asia/Shanghai', 'zh_CN',"
            " '2026-12-01 00:00:00')"))
        connection.execute(sa.text(
            "INSERT INTO refusals (community_id, other_department, channel, asked_on, what,"
            " rule, created_at) VALUES (1, '统计局', 'chat_group', '2026-12-01', '报表',"
            " 'not_admitted', '2026-12-01 00:00:00')"))
        connection.execute(sa.text(
            "INSERT INTO certificates (community_id, code, name, name_en, resident_name,"
            " issued_on, created_at) VALUES (1, 'ZM-01', '居住证明', '', '张三', '2026-12-01',"
            " '2026-12-01 00:00:00')"))
    flask_migrate.downgrade(revision=BEFORE)
    assert not {"refusals", "certificates"} & _tables()
    flask_migrate.upgrade(revision=REVISION)
    assert {"refusals", "certificates"} <= _tables()
