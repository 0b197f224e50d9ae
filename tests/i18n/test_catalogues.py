"""Every user-facing string has its Simplified Chinese translation.

The strings are extracted from the code and templates now, as `make messages`
would, so a new string without a translation fails here, not in front of a
resident.
"""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent.parent
CATALOGUE = ROOT / "govhub/translations/zh_Hans_CN/LC_MESSAGES/messages.po"
# As `make messages` extracts them: Babel's defaults (pgettext, npgettext with their message
# context first) and the project's lazy ones.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None,
            "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
            "lazy_pgettext": ((1, "c"), 2)}


def _worth_walking(path: str) -> bool:
    name = Path(path).name
    return not name.startswith((".", "_")) and name not in ("node_modules", "bench", "tests")


def _extracted() -> set[tuple[str, str | None]]:
    """(msgid, msgctxt) of every string in the code and templates."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS,
            directory_filter=_worth_walking):
        found.add((message[0] if isinstance(message, tuple) else message, context))
    return found


@pytest.fixture(scope="module")
def catalogue():
    with CATALOGUE.open("rb") as po_file:
        return read_po(po_file)


def test_every_string_in_the_code_is_in_the_chinese_catalogue(catalogue):
    missing = sorted((msgid, context or "") for msgid, context in _extracted()
                     if catalogue.get(msgid, context=context) is None)
    assert not missing, f"run `make messages` and translate: {missing}"


def test_strings_in_a_context_are_extracted_with_it():
    assert ("How", "offering") in _extracted()
    assert ("How", "roll call") in _extracted()



def test_every_chinese_entry_is_translated_and_not_fuzzy(catalogue):
    untranslated = [m.id for m in catalogue if m.id and (
        m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    assert not untranslated, f"translate these in {CATALOGUE.name}: {untranslated}"


def test_placeholders_survive_translation(catalogue):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(placeholder.findall(ids[-1]))
        for string in strings:
            assert set(placeholder.findall(string)) == expected, message.id
