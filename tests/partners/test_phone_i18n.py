"""What a phone shows a resident in either language: words in their context, Chinese names
marked as Chinese on English pages, dates written out."""

from tests.partners.test_views import _set_language, _text


def test_the_offerings_how_is_not_the_roll_calls_how_in_chinese(client, csrf, make_offering):
    offering = make_offering(mode="on_request")
    _set_language(client, csrf, "zh_CN")
    page = _text(client.get(f"/offerings/{offering.id}"))
    assert "投票方式" not in page
    assert "<dt>服务方式</dt>" in page
