"""The `govhub` command: run, demo, create-user, and Flask-Migrate's `db`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext
from flask_migrate import upgrade

from govhub import create_app
from govhub.core.config import ConfigError
from govhub.core.errors import DomainError
from govhub.core.roles import Role
from govhub.extensions import db, socketio
from govhub.realtime import expiry
from govhub.realtime.tuning import tune_for_live_rooms


def _create_app():
    try:
        return create_app()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


cli = FlaskGroup(create_app=_create_app, add_default_commands=False, load_dotenv=False,
                 set_debug_flag=False, help="GovHub: community self-government, live.")
cli.add_command(shell_command)
cli.add_command(routes_command)


@cli.command("run")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-demo", is_flag=True, help="Do not load demo data into an empty database.")
@with_appcontext
def run_command(host: str, port: int, no_demo: bool) -> None:
    """Migrate the database, load demo data into an empty one, and serve."""
    from govhub.demo.services import database_is_empty, demo_password, load_demo
    from govhub.web.access_log import configure as log_json_lines

    upgrade()
    if not no_demo and database_is_empty():
        residents = current_app.config["GOVHUB"]["demo_residents"]
        load_demo(residents=residents, password=demo_password())
        db.session.commit()
    app = current_app._get_current_object()
    log_json_lines()  # after the migrations, whose logging set-up would undo it
    start_background_work(app)
    _print_banner(host, port)
    tune_for_live_rooms(app.config["GOVHUB"]["socketio_async_mode"])
    socketio.run(app, host=host, port=port, use_reloader=False, log_output=False)


def start_background_work(app) -> None:
    """What runs beside the requests, from the moment the server starts.

    The coalescing loop (tallies, attendance, poll timers) first closes every
    poll whose timer ran out while no server ran, before anything is served;
    then it runs every interval, as does the ballot box's writer. The expiry
    sweep disconnects sockets whose session or token has ended; the secret
    ballots' scrub wipes what a close left if the server stopped before it.
    """
    from govhub.realtime import coalesce
    from govhub.voting import ballot_box, secrecy
    from govhub.voting.events import CASTING

    coalesce.start(app)
    ballot_box.start(app, CASTING)
    expiry.start(app)
    secrecy.start(app)


def _print_banner(host: str, port: int) -> None:
    from govhub.demo.services import demo_password, demo_residents_present, password_source

    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"\nGovHub is serving on http://{shown_host}:{port}/  (Ctrl+C stops it)")
    residents = demo_residents_present()
    if residents:
        click.echo("Demo accounts: admin, worker, worker2, worker3, chair, partner, officer, "
                   "reviewer, "
                   f"resident001 … resident{residents:03d}")
        click.echo(f"Demo password: {demo_password()}  (from {password_source()})")
    click.echo("")


@cli.command("demo")
@click.option("--residents", default=45, show_default=True, type=click.IntRange(0, 10_000),
              help="How many residents (resident001 …) sit on the demo council.")
@with_appcontext
def demo_command(residents: int) -> None:
    """Create the demo community and accounts (safe to run again)."""
    from govhub.demo.services import demo_password, load_demo

    upgrade()
    password = demo_password()
    result = load_demo(residents=residents, password=password)
    db.session.commit()
    click.echo(f"Demo community: {result.community.name} ({result.community.slug}), "
               f"council: {result.council.name}")
    click.echo(f"Accounts created: {len(result.created_users)}; "
               f"residents on the council: resident001 … resident{residents:03d}")
    click.echo(f"Demo password: {password}")


@cli.command("create-user")
@click.option("--username", required=True)
@click.option("--display-name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.RESIDENT.value,
              show_default=True)
@click.option("--community", "community_slug", help="The community's short name (slug).")
@click.option("--email", default=None)
@click.password_option("--password", help="Asked for when not given.")
@with_appcontext
def create_user_command(username, display_name, role, community_slug, email, password) -> None:
    """Create a confirmed account (the first administrator, say)."""
    import sqlalchemy as sa

    from govhub.auth import services
    from govhub.communities.models import Community

    community = None
    if community_slug:
        community = db.session.scalar(sa.select(Community).where(Community.slug == community_slug))
        if community is None:
            raise click.BadParameter(f"no community with the short name {community_slug!r}",
                                     param_hint="--community")
    try:
        user = services.create_user(None, username, display_name, password, role=Role(role),
                                    community=community, email=email)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(exc.message) from None
    click.echo(f"Created {user.role.value} {user.username} (id {user.id}).")


@cli.command("remind")
@click.option("--days", default=3, show_default=True, type=click.IntRange(0, 60),
              help="Remind of open items due within this many days (0: due today).")
@click.option("--community", "community_slug",
              help="Only this community (its short name); default: every community.")
@click.option("--dry-run", is_flag=True, help="Count the reminders without sending them.")
@with_appcontext
def remind_command(days: int, community_slug: str | None, dry_run: bool) -> None:
    """Remind owners of open action items due soon or overdue (cron-able; safe to run twice:
    each item gets at most one reminder of each kind per day)."""
    import sqlalchemy as sa

    from govhub.accountability.reminders import send_reminders
    from govhub.communities.models import Community

    communities = None
    if community_slug is not None:
        community = db.session.scalar(sa.select(Community).where(Community.slug == community_slug))
        if community is None:
            raise click.BadParameter(f"no community with the short name {community_slug!r}",
                                     param_hint="--community")
        communities = [community]
    found = send_reminders(days, communities=communities, dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "Would send" if dry_run else "Sent"
    if found.due_soon or found.overdue:
        click.echo(f"{verb} reminders to {len(found.owners)} owner(s): {found.due_soon} "
                   f"due within {days} day(s), {found.overdue} overdue.")
    else:
        click.echo("Nothing to remind of.")
    if found.already:
        click.echo(f"{found.already} reminder(s) of today were already sent by an earlier run.")


from govhub.admission.requests.commands import admission_remind_command  # noqa: E402

cli.add_command(admission_remind_command)
