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


def test_each_request_is_one_json_line_in_the_log_without_its_query(live_server):
    import json

    marker = "/c/xingfuli/work-items"
    assert requests.get(f"{live_server.url}{marker}?code=SECRET", timeout=10).status_code == 200
    assert requests.get(f"{live_server.url}/no-such-page", timeout=10).status_code == 404
    lines = [json.loads(line) for line in live_server.log_path.read_text().splitlines()
             if line.startswith("{")]
    served = [line for line in lines if line.get("message") == "request"]
    mine = next(line for line in served if line["path"] == marker)
    assert (mine["method"], mine["status"]) == ("GET", 200)
    assert mine["level"] == "info" and mine["logger"] == "govhub.access" and mine["ms"] >= 0
    assert any(line["path"] == "/no-such-page" and line["status"] == 404 for line in served)
    assert "SECRET" not in live_server.log_path.read_text()
