"""Human names for enum values, translated when shown."""

from flask_babel import lazy_gettext as _l

from govhub.core.roles import Role

ROLE_LABELS = {
    Role.RESIDENT: _l("Resident"),
    Role.WORKER: _l("Community worker"),
    Role.PARTNER: _l("Partner organization member"),
    Role.OFFICER: _l("Department officer"),
    Role.REVIEWER: _l("Admission reviewer"),
    Role.ADMIN: _l("Administrator"),
}


def role_label(role: Role | str) -> str:
    try:
        return str(ROLE_LABELS[Role(role)])
    except ValueError:
        return str(role)


# A signed-in browser's "browser/system" codes (auth.rules.device_of).
BROWSER_LABELS = {
    "wechat": _l("WeChat"), "qq": _l("QQ Browser"), "uc": _l("UC Browser"),
    "huawei": _l("Huawei Browser"), "edge": "Edge", "firefox": "Firefox", "chrome": "Chrome",
    "safari": "Safari", "other": _l("A browser"),
}
SYSTEM_LABELS = {
    "harmonyos": _l("HarmonyOS"), "android": _l("Android"), "iphone": "iPhone", "ipad": "iPad",
    "windows": "Windows", "macos": "macOS", "chromeos": "ChromeOS", "linux": "Linux",
    "other": _l("an unknown system"),
}


def device_label(device: str) -> str:
    """"Chrome on Android", from the codes a UserSession keeps."""
    browser, _sep, system = (device or "").partition("/")
    return str(_l("%(browser)s on %(system)s",
                  browser=BROWSER_LABELS.get(browser, BROWSER_LABELS["other"]),
                  system=SYSTEM_LABELS.get(system, SYSTEM_LABELS["other"])))
