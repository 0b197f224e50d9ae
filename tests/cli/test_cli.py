"""The `govhub` command: demo data, creating accounts, and the command list.

The commands commit for real, so these tests use an app of their own over
a migrated SQLite file, emptied after every test, instead of the shared
rolled-back `app` fixture.
"""

import os
import re
import subprocess
import sys

import flask_migrate
import pytest
import sqlalchemy as sa

from govhub import create_app
from govhub.auth import services as auth_services
from govhub.auth.models import User
from govhub.cli import cli
from govhub.communities.models import Community
from govhub.communities.services import create_community
from govhub.core.errors import DomainError
from govhub.core.roles import Role
from govhub.councils.models import Council, CouncilMembership, MemberRole
from govhub.demo.services import PASSWORD_FILE
from govhub.extensions import db
from govhub.meetings.models import Meeting
from govhub.notifications.models import Notification
from tests.conftest import TEST_SETTINGS
from tests.helpers import PASSWORD

NEW_PASSWORD = "a long new secret"


@pytest.fixture(scope="module")
def _cli_app(_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    app = create_app({**TEST_SETTINGS, "instance_path": str(folder / "instance"),
                     "database_url": f"sqlite:///{folder / 'govhub.sqlite3'}"})
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def cli_app(_cli_app, monkeypatch):
    """The CLI's own app, over a migrated database that is emptied after the test."""
    # FlaskGroup sets FLASK_RUN_FROM_CLI for the whole process; keep it to this test.
    monkeypatch.setitem(os.environ, "FLASK_RUN_FROM_CLI", "false")
    yield _cli_app
    with _cli_app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            _unlink_rows_of_the_same_table(table)
            db.session.execute(table.delete())
        db.session.commit()


def _unlink_rows_of_the_same_table(table: sa.Table) -> None:
    """Clear the references a table's rows make to one another (a merged proposal's to the
    one it joined, ON DELETE RESTRICT, which SQLite checks row by row), so one DELETE can
    empty it."""
    own = {fk.parent.name: None for fk in table.foreign_keys if fk.column.table is table}
    if own:
        db.session.execute(table.update().values(**own))


@pytest.fixture
def govhub(cli_app):
    """govhub(*args) runs the `govhub` command against the test app."""
    runner = cli_app.test_cli_runner()

    def run(*args: str):
        return runner.invoke(cli, list(args))

    return run


@pytest.fixture
def town(cli_app) -> str:
    """The slug of a community that exists."""
    with cli_app.app_context():
        create_community(None, "cli-town", "CLI Town")
        db.session.commit()
    return "cli-town"


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _user(app, username: str) -> User | None:
    with app.app_context():
        return db.session.scalar(sa.select(User).where(User.username == username))


def _signs_in(app, username: str, password: str) -> bool:
    with app.app_context():
        try:
            auth_services.authenticate(username, password)
        except DomainError:
            return False
        finally:
            db.session.rollback()
        return True


def _printed_password(output: str) -> str:
    match = re.search(r"^Demo password: (\S.*)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


# --- govhub demo ---------------------------------------------------------------

def test_demo_creates_the_xingfuli_community_and_its_council(cli_app, govhub):
    result = govhub("demo", "--residents", "3")
    assert result.exit_code == 0, result.output
    with cli_app.app_context():
        community = db.session.scalar(sa.select(Community).where(Community.slug == "xingfuli"))
        assert community is not None
        council = db.session.scalar(sa.select(Council).where(Council.community_id == community.id))
        assert council is not None
    assert "xingfuli" in result.output


def test_demo_creates_the_staff_and_the_requested_residents(cli_app, govhub):
    govhub("demo", "--residents", "3")
    with cli_app.app_context():
        usernames = set(db.session.scalars(sa.select(User.username)))
        assert usernames == {"admin", "worker", "worker2", "worker3", "chair", "partner",
                             "officer", "reviewer", "resident001", "resident002",
                             "resident003"}
        assert all(user.is_confirmed for user in db.session.scalars(sa.select(User)))
        roles = dict(db.session.execute(sa.select(User.username, User.role)).all())
    assert (roles["admin"], roles["worker"], roles["partner"]) == (
        Role.ADMIN, Role.WORKER, Role.PARTNER)
    assert (roles["officer"], roles["reviewer"]) == (Role.OFFICER, Role.REVIEWER)
    assert roles["chair"] == roles["resident001"] == Role.RESIDENT
    assert (roles["officer"], roles["reviewer"]) == (Role.OFFICER, Role.REVIEWER)


def test_demo_seats_the_chair_and_the_residents_on_the_council(cli_app, govhub):
    govhub("demo", "--residents", "3")
    with cli_app.app_context():
        seats = dict(db.session.execute(
            sa.select(User.username, CouncilMembership.role).join(CouncilMembership.user)
            .join(CouncilMembership.council).where(Council.kind == "residents_meeting")
        ).all())
    assert seats == {"chair": MemberRole.CHAIR, "resident001": MemberRole.MEMBER,
                     "resident002": MemberRole.MEMBER, "resident003": MemberRole.MEMBER}


def test_demo_prints_the_password_the_demo_accounts_sign_in_with(cli_app, govhub):
    result = govhub("demo", "--residents", "1")
    assert _printed_password(result.output) == PASSWORD
    assert _signs_in(cli_app, "admin", PASSWORD)
    assert _signs_in(cli_app, "resident001", PASSWORD)


def test_demo_run_twice_changes_nothing(cli_app, govhub):
    govhub("demo", "--residents", "3")
    models = (User, Community, Council, CouncilMembership, Meeting, Notification)
    before = {model: _count(cli_app, model) for model in models}
    result = govhub("demo", "--residents", "3")
    assert result.exit_code == 0, result.output
    assert {model: _count(cli_app, model) for model in models} == before
    assert "Accounts created: 0" in result.output


def test_demo_with_more_residents_adds_only_the_missing_ones(cli_app, govhub):
    govhub("demo", "--residents", "2")
    result = govhub("demo", "--residents", "4")
    assert "Accounts created: 2" in result.output
    assert _user(cli_app, "resident004") is not None
    assert _count(cli_app, Community) == 1
    assert _count(cli_app, Council) == 2  # the residents' meeting and building 1's council
    # On each council: the chair and the four residents (all live in building 1).
    assert _count(cli_app, CouncilMembership) == 10


@pytest.mark.parametrize("residents, complaint", [
    ("-1", "-1 is not in the range 0<=x<=10000"),
    ("abc", "'abc' is not a valid integer"),
])
def test_demo_with_a_bad_resident_count_is_refused_and_creates_nothing(
        cli_app, govhub, residents, complaint):
    result = govhub("demo", "--residents", residents)
    assert result.exit_code == 2
    assert "Invalid value for '--residents'" in result.output
    assert complaint in result.output
    assert _count(cli_app, User) == 0 and _count(cli_app, Community) == 0


def test_demo_password_is_generated_once_and_kept_private(cli_app, govhub, monkeypatch, tmp_path):
    monkeypatch.setitem(cli_app.config["GOVHUB"], "demo_password", "")
    monkeypatch.setattr(cli_app, "instance_path", str(tmp_path / "fresh-instance"))
    first = _printed_password(govhub("demo", "--residents", "0").output)
    second = _printed_password(govhub("demo", "--residents", "0").output)
    kept = tmp_path / "fresh-instance" / PASSWORD_FILE
    assert first == second != PASSWORD
    assert kept.read_text().strip() == first
    assert kept.stat().st_mode & 0o777 == 0o600
    assert _signs_in(cli_app, "admin", first)


def test_demo_password_from_the_config_writes_no_file(cli_app, govhub, monkeypatch, tmp_path):
    monkeypatch.setattr(cli_app, "instance_path", str(tmp_path / "fresh-instance"))
    assert _printed_password(govhub("demo", "--residents", "0").output) == PASSWORD
    assert not (tmp_path / "fresh-instance" / PASSWORD_FILE).exists()


# --- govhub create-user --------------------------------------------------------

def test_create_user_creates_a_confirmed_account_in_the_community(cli_app, govhub, town):
    result = govhub("create-user", "--username", "Lihua", "--display-name", "李华",
                    "--role", "worker", "--community", town, "--password", NEW_PASSWORD)
    assert result.exit_code == 0, result.output
    assert "Created worker lihua" in result.output
    user = _user(cli_app, "lihua")
    assert (user.display_name, user.role, user.is_confirmed) == ("李华", Role.WORKER, True)
    with cli_app.app_context():
        assert db.session.get(Community, user.community_id).slug == town
    assert _signs_in(cli_app, "lihua", NEW_PASSWORD)


def test_create_user_makes_a_resident_unless_told_otherwise(cli_app, govhub, town):
    govhub("create-user", "--username", "wangfang", "--display-name", "王芳",
           "--community", town, "--password", NEW_PASSWORD)
    assert _user(cli_app, "wangfang").role == Role.RESIDENT


def test_create_user_makes_an_administrator_without_a_community(cli_app, govhub):
    result = govhub("create-user", "--username", "root", "--display-name", "Root",
                    "--role", "admin", "--password", NEW_PASSWORD)
    assert result.exit_code == 0, result.output
    user = _user(cli_app, "root")
    assert (user.role, user.community_id, user.is_confirmed) == (Role.ADMIN, None, True)


def test_create_user_in_an_unknown_community_is_refused_and_creates_nothing(cli_app, govhub):
    result = govhub("create-user", "--username", "lihua", "--display-name", "李华",
                    "--community", "atlantis", "--password", NEW_PASSWORD)
    assert result.exit_code != 0
    assert "no community with the short name 'atlantis'" in result.output
    assert _count(cli_app, User) == 0


def test_create_user_with_a_taken_username_is_refused_and_creates_nothing(cli_app, govhub, town):
    govhub("create-user", "--username", "lihua", "--display-name", "李华",
           "--community", town, "--password", NEW_PASSWORD)
    result = govhub("create-user", "--username", "LiHua", "--display-name", "Another",
                    "--community", town, "--password", "another long secret")
    assert result.exit_code != 0
    assert "That username is taken." in result.output
    assert _count(cli_app, User) == 1
    assert _user(cli_app, "lihua").display_name == "李华"


def test_create_user_with_a_weak_password_is_refused_and_creates_nothing(cli_app, govhub, town):
    result = govhub("create-user", "--username", "lihua", "--display-name", "李华",
                    "--community", town, "--password", "short")
    assert result.exit_code != 0
    assert "A password has at least 8 characters." in result.output
    assert _count(cli_app, User) == 0


def test_create_user_without_a_community_for_a_non_admin_is_refused(cli_app, govhub):
    result = govhub("create-user", "--username", "lihua", "--display-name", "李华",
                    "--role", "resident", "--password", NEW_PASSWORD)
    assert result.exit_code != 0
    assert "Choose the community this account belongs to." in result.output
    assert _count(cli_app, User) == 0


def test_create_user_with_an_unknown_role_is_refused(cli_app, govhub, town):
    result = govhub("create-user", "--username", "lihua", "--display-name", "李华",
                    "--role", "mayor", "--community", town, "--password", NEW_PASSWORD)
    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output
    assert _count(cli_app, User) == 0


# --- the installed command ------------------------------------------------------

def _govhub_process(*args: str, tmp_path, **environ: str) -> subprocess.CompletedProcess:
    """Run `python -m govhub ...` as a user would, in an empty folder."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("GOVHUB_") and key != "FLASK_RUN_FROM_CLI"}
    env.update(GOVHUB_INSTANCE_PATH=str(tmp_path / "instance"), **environ)
    return subprocess.run([sys.executable, "-m", "govhub", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)


def test_govhub_help_lists_its_commands(tmp_path):
    process = _govhub_process("--help", tmp_path=tmp_path)
    assert process.returncode == 0, process.stderr
    listed = set(re.findall(r"^  (\S+)", process.stdout, re.MULTILINE))
    assert {"run", "demo", "create-user", "db"} <= listed


def test_govhub_refuses_to_start_in_production_with_the_default_secret_key(tmp_path):
    process = _govhub_process("routes", tmp_path=tmp_path, GOVHUB_ENV="production")
    assert process.returncode != 0
    assert "refuses to start in production with the default secret key" in process.stderr
    assert "Traceback" not in process.stderr


def test_demo_holds_a_meeting_on_record_one_in_session_and_one_coming(cli_app, govhub):
    govhub("demo", "--residents", "10")
    with cli_app.app_context():
        statuses = sorted(db.session.scalars(sa.select(Meeting.status)))
    # On record: the meeting on waste sorting, and the two whose resolutions the demo's
    # action items carry out (govhub/demo/actions.py).
    assert statuses == ["in_session", "minutes_published", "minutes_published",
                        "minutes_published", "scheduled"]


def test_demo_meeting_in_session_has_a_yes_no_abstain_poll_ready_on_its_current_item(
        cli_app, govhub):
    from govhub.voting.models import Poll

    govhub("demo", "--residents", "10")
    with cli_app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.status == "in_session"))
        polls = db.session.scalars(sa.select(Poll).where(Poll.meeting_id == meeting.id)).all()
        assert [(p.kind, p.status, p.agenda_item_id) for p in polls] == [
            ("yes_no_abstain", "draft", meeting.current_item.id)]


def test_demo_meeting_on_record_decided_its_first_item_by_a_poll_that_passed(cli_app, govhub):
    from govhub.voting.models import Ballot, Poll, Resolution

    govhub("demo", "--residents", "10")
    with cli_app.app_context():
        meeting = db.session.scalar(
            sa.select(Meeting).where(Meeting.status == "minutes_published"))
        poll = db.session.scalar(sa.select(Poll).where(Poll.meeting_id == meeting.id))
        resolution = db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))
        ballots = db.session.scalar(
            sa.select(sa.func.count(Ballot.id)).where(Ballot.poll_id == poll.id))
        assert (poll.status, poll.passed) == ("closed", True)
        assert resolution.tally == poll.result
        assert poll.result["turnout"]["count"] == ballots > 0
        assert meeting.started_at < poll.opened_at < poll.closed_at < meeting.adjourned_at
