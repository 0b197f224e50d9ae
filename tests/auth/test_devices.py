"""Telling a user's devices apart from their browsers' User-Agent (auth.rules.device_of)."""

import pytest

from govhub.auth.rules import BROWSERS, SYSTEMS, device_of

ANDROID_CHROME = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/120.0.0.0 Mobile Safari/537.36")
IPHONE_SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")


@pytest.mark.parametrize("user_agent, device", [
    (ANDROID_CHROME, "chrome/android"),
    (IPHONE_SAFARI, "safari/iphone"),
    (ANDROID_CHROME + " MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64", "wechat/android"),
    (IPHONE_SAFARI.replace("Version/17.1", "CriOS/120.0.6099.119"), "chrome/iphone"),
    (IPHONE_SAFARI.replace("Version/17.1", "FxiOS/121.0"), "firefox/iphone"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "edge/windows"),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "firefox/linux"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.2 Safari/605.1.15", "safari/macos"),
    ("Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36", "huawei/harmonyos"),
    ("Mozilla/5.0 (Linux; U; Android 13; zh-cn) AppleWebKit/537.36 Chrome/109.0 "
     "MQQBrowser/14.6 Mobile Safari/537.36", "qq/android"),
    ("Mozilla/5.0 (Linux; U; Android 11) AppleWebKit/534.30 UCBrowser/13.4.0.1306 "
     "Mobile Safari/534.30", "uc/android"),
    ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
     "chrome/chromeos"),
    ("python-requests/2.31.0", "other/other"),
    ("", "other/other"),
    (None, "other/other"),
])
def test_a_device_is_named_by_its_browser_and_system(user_agent, device):
    assert device_of(user_agent) == device


def test_every_code_fits_the_column():
    longest = max(len(code) for _mark, code in BROWSERS + SYSTEMS) * 2 + 1
    assert longest <= 40
