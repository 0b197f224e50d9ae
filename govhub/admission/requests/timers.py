"""The admission review's clock: reviewers are reminded of decisions due tomorrow and of
overdue ones from the moment the server starts, without anyone running the command.

The coalescing loop (govhub/realtime/coalesce.py) runs this at start-up and then about
every SWEEP_EVERY seconds, one request per transaction. Each reminder's row is claimed
first, so several processes (or the cron-run `govhub admission-remind`) send it once.
"""

from __future__ import annotations

from govhub.admission.requests import queries, reminders
from govhub.realtime import coalesce

SWEEP_EVERY = 60.0  # seconds: reminders are about days, a minute late is on time


@coalesce.every(SWEEP_EVERY)
def remind_admission_decisions() -> int:
    """Remind the street's reviewers of decisions due tomorrow, and of overdue ones."""
    today = queries.today()
    return coalesce.commit_each(reminders.waiting(today),
                                lambda request: reminders.remind(request, today))
