"""`govhub admission-remind`: remind reviewers of decisions due tomorrow and overdue."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from govhub.extensions import db


@click.command("admission-remind")
@with_appcontext
def admission_remind_command() -> None:
    """Remind each street's reviewers of admission decisions due tomorrow, and of those
    overdue (emergencies' after-the-fact reviews too). Cron-able; safe to rerun: each
    request gets each kind of reminder once."""
    from govhub.admission.requests.reminders import send_reminders

    sent = send_reminders()
    db.session.commit()
    if sent.due_soon or sent.overdue:
        click.echo(f"Sent {sent.due_soon} reminder(s) of decisions due tomorrow and "
                   f"{sent.overdue} of overdue ones.")
    else:
        click.echo("Nothing to remind of.")
