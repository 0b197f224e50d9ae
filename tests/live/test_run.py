"""`govhub run` as a newcomer meets it: migrated, demo loaded, told where to go."""

import pytest
import requests

pytestmark = pytest.mark.live


def test_the_terminal_says_where_to_go_and_which_accounts_exist(live_server):
    printed = live_server.log_path.read_text()
    assert f"GovHub is serving on http://127.0.0.1:{live_server.port}/" in printed
    assert ("Demo accounts: admin, worker, worker2, worker3, chair, partner, officer, reviewer, "
            "resident001 … resident005") in printed
    assert "Demo password: correct horse battery  (from GOVHUB_DEMO_PASSWORD)" in printed


def test_the_demo_community_is_served(live_server):
    page = requests.get(live_server.url + "/", headers={"Accept-Language": "zh-CN"}, timeout=10)
    assert "幸福里社区" in page.text


def test_static_files_are_served(live_server):
    assert requests.get(live_server.url + "/static/css/govhub.css", timeout=10).status_code == 200
