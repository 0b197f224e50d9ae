"""Imports in the live wing flow one way: below its pages, no meetings module imports voting (the
room's snapshot, govhub/live/room_snapshot.py, reads both), and the tallies never reach back for
the services. The meeting's pages (views.py, live_views.py) compose both features' parts with
explicit calls, as any page may."""

from pathlib import Path

from tests.core.test_layers import _imported_modules

GOVHUB = Path(__file__).parents[2] / "govhub"


def _imports(folder: str, *names: str) -> set[str]:
    paths = [GOVHUB / folder / name for name in names] or sorted((GOVHUB / folder).glob("*.py"))
    return {f"{path.name}: {module}" for path in paths for module in _imported_modules(path)
            if module.startswith("govhub.")}


PAGES = {"views.py", "live_views.py"}


def test_meetings_import_nothing_of_voting_below_the_pages():
    assert {line for line in _imports("meetings") if "govhub.voting" in line
            and line.split(":")[0] not in PAGES} == set()


def test_voting_imports_nothing_of_the_room_that_reads_it():
    assert {line for line in _imports("voting") if "govhub.live" in line} == set()


def test_tallies_import_no_service():
    assert _imports("voting", "tallies.py") == {
        "tallies.py: govhub.extensions", "tallies.py: govhub.realtime",
        "tallies.py: govhub.realtime.rooms", "tallies.py: govhub.voting.models",
        "tallies.py: govhub.voting.queries"}


def test_the_room_registers_nothing_at_import_time():
    source = (GOVHUB / "meetings" / "queries.py").read_text()
    assert "POLLS_READER" not in source and "VIEWER_EXTRAS" not in source
