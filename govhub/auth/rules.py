"""Pure account rules: what a username and a password must be; whom a sign-in counts against."""

from __future__ import annotations

import ipaddress
import math
import re
from datetime import timedelta

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,39}$")
PASSWORD_MIN = 8
PASSWORD_MAX = 256
# The passwords every list of leaked passwords starts with; longer lists
# belong in a real breach check, which a street office's server cannot reach.
COMMON_PASSWORDS = frozenset(
    {"12345678", "123456789", "1234567890", "password", "password1", "qwertyui",
     "qwerty123", "11111111", "88888888", "66666666", "abc12345", "iloveyou",
     "00000000", "a1234567", "woaini1314", "govhub123"}
)


def normalise_username(raw: str) -> str:
    return raw.strip().lower()


def username_problem(username: str) -> str | None:
    """None when acceptable, else a code: 'length' or 'characters'."""
    if not 3 <= len(username) <= 40:
        return "length"
    if not USERNAME_PATTERN.match(username):
        return "characters"
    return None


def password_problem(password: str, username: str = "") -> str | None:
    """None when acceptable, else 'too_short', 'too_long', 'common' or 'like_username'."""
    if len(password) < PASSWORD_MIN:
        return "too_short"
    if len(password) > PASSWORD_MAX:
        return "too_long"
    if password.lower() in COMMON_PASSWORDS:
        return "common"
    if username and username.lower() in password.lower():
        return "like_username"
    return None


# What a signed-in browser is, read from its User-Agent, so that a user can
# tell their devices apart. Order matters: in-app browsers and Edge announce
# Chrome and Safari too, and every Android browser says "Linux".
BROWSERS = (("MicroMessenger", "wechat"), ("QQBrowser", "qq"), ("MQQBrowser", "qq"),
            ("UCBrowser", "uc"), ("HuaweiBrowser", "huawei"), ("Edg", "edge"),
            ("Firefox", "firefox"), ("FxiOS", "firefox"), ("CriOS", "chrome"),
            ("Chrome", "chrome"), ("Safari", "safari"))
SYSTEMS = (("HarmonyOS", "harmonyos"), ("OpenHarmony", "harmonyos"), ("Android", "android"),
           ("iPhone", "iphone"), ("iPad", "ipad"), ("Windows", "windows"),
           ("Macintosh", "macos"), ("CrOS", "chromeos"), ("Linux", "linux"))


def device_of(user_agent: str | None) -> str:
    """"browser/system" from a User-Agent, each part a known code or "other"."""
    user_agent = user_agent or ""
    browser = next((code for mark, code in BROWSERS if mark in user_agent), "other")
    system = next((code for mark, code in SYSTEMS if mark in user_agent), "other")
    return f"{browser}/{system}"

# --- signing in: whom a failure is counted against, how long a refusal lasts ---

def address_bucket(address: str | None) -> str:
    """The address a sign-in counts against: an IPv4 address, or an IPv6 /64.

    One IPv6 host commonly holds a whole /64, so counting single IPv6
    addresses would let one attacker rotate through billions of them.
    """
    try:
        parsed = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return (address or "unknown")[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def wait_to_tell(seconds: float) -> timedelta:
    """How long to tell someone to wait: never less than the truth, in one whole unit.

    Under a minute in seconds, under an hour in minutes, else in hours, each
    rounded up; "try again in 15 minutes" must not open a minute late.
    """
    whole = max(1, math.ceil(seconds))
    unit = 1 if whole < 60 else 60 if whole < 3600 else 3600
    return timedelta(seconds=math.ceil(whole / unit) * unit)
