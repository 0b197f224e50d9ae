"""What a phone shows a resident in either language: words in their context, Chinese names
marked as Chinese on English pages, dates written out."""

from tests.partners.pages import set_language, text_of


def test_the_offerings_how_is_not_the_roll_calls_how_in_chinese(client, csrf, make_offering):
    offering = make_offering(mode="on_request")
    set_language(client, csrf, "zh_CN")
    page = text_of(client.get(f"/offerings/{offering.id}"))
    assert "投票方式" not in page
    assert "<dt>服务方式</dt>" in page


def test_a_chinese_name_on_an_english_page_is_marked_as_chinese(client, csrf, organization,
                                                                make_offering):
    offering = make_offering(title="长者智能手机课", description="教长者用微信。")
    set_language(client, csrf, "en")
    page = text_of(client.get(f"/offerings/{offering.id}"))
    assert '<h1><span lang="zh-CN">长者智能手机课</span></h1>' in page
    assert f'<span lang="zh-CN">{organization.name}</span>' in page
    assert '<div class="prose" lang="zh-CN">' in page
    browse = text_of(client.get(f"/c/{organization.community.slug}/services"))
    assert '<strong><span lang="zh-CN">长者智能手机课</span></strong>' in browse


def test_names_are_not_marked_on_chinese_pages_nor_english_names(client, csrf, make_offering):
    offering = make_offering(title="Yoga for beginners")
    set_language(client, csrf, "en")
    assert '<h1>Yoga for beginners</h1>' in text_of(client.get(f"/offerings/{offering.id}"))
    chinese = make_offering(title="长者智能手机课")
    set_language(client, csrf, "zh_CN")
    page = text_of(client.get(f"/offerings/{chinese.id}"))
    assert "<h1>长者智能手机课</h1>" in page and 'lang="zh-CN">长者' not in page


def test_the_verification_date_is_written_out(client, csrf, organization):
    import re

    set_language(client, csrf, "en")
    page = text_of(client.get(f"/organizations/{organization.id}"))
    assert re.search(r"<dd>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M</dd>", page)
    set_language(client, csrf, "zh_CN")
    page = text_of(client.get(f"/organizations/{organization.id}"))
    assert re.search(r"<dd>\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d\d</dd>", page)
