"""Hours' pages: a worker's "My hours" (the quick entry, their last two weeks), the week's
sheet, editing an entry; the workload (administrators: every worker; a worker: their own
row); the public figures of a community and a street, as a page and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.actions.rules import local_today
from govhub.admission import bp
from govhub.admission.catalogue.queries import all_streets, get_street
from govhub.admission.hours import charts, labels, permissions, queries, rules, services
from govhub.admission.hours.forms import (
    EntryForm,
    QuickForm,
    RangeForm,
    SheetForm,
    cell_name,
    read_cells,
)
from govhub.communities.queries import get_community_or_404
from govhub.core.clock import clock
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.spreadsheet import cell
from govhub.extensions import db
from govhub.web.view_helpers import attempt, flash_form_errors, show_domain_error

for _function in (labels.hours_type_label, labels.share_label, labels.target_kind_label,
                  rules.hours_text, rules.percent):
    bp.add_app_template_global(_function, _function.__name__)
bp.add_app_template_global(cell_name, "hours_cell_name")


def _locale() -> str:
    return str(get_locale() or "zh")


def _worker_only() -> None:
    require(permissions.can_log_hours(current_user),
            _("Only community workers log their hours."))


def _target_choices(targets) -> dict:
    return {str(labels.target_kind_label(kind)): [(t.key, t.label) for t in found]
            for kind, found in targets}


@bp.route("/hours", methods=["GET", "POST"])
@login_required
def my_hours():
    _worker_only()
    today = queries.today_of(current_user)
    form = QuickForm()
    form.target.choices = _target_choices(queries.targets_of(current_user, _locale()))
    status = 200
    if form.validate_on_submit():
        parsed = queries.parse_key(form.target.data)
        try:
            services.log_time(current_user, *(parsed or ("", None)), form.chosen_minutes(),
                              form.day.data, form.note.data or "")
            db.session.commit()
            flash(_("Logged."), "info")
            return redirect(url_for("admission.my_hours"))
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
            status = exc.status
    elif request.method == "POST":
        status = 400
    entries = queries.entries_of(current_user.id, today - timedelta(days=rules.EDIT_DAYS),
                                 today)
    span = rules.week_range(today, 1)
    return render_template("admission/hours/mine.html", form=form, entries=entries,
                           today=today, week=queries.workload(span, current_user.id)[0],
                           monday=span.first), status


def _page_number(value) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() and 0 < len(text) < 6 and int(text) > 0 else 1


def _unlisted(key: str) -> str:
    """A target no longer offered (an older catalogue's item, a finished action item)."""
    kind, number = queries.parse_key(key) or ("other", None)
    return f"{labels.target_kind_label(kind)} {number or ''}".strip()


def _monday(value: str | None, today: date) -> date:
    try:
        return rules.week_start(date.fromisoformat(value)) if value else rules.week_start(today)
    except ValueError:
        return rules.week_start(today)


@bp.route("/hours/week", methods=["GET", "POST"])
@login_required
def week_sheet():
    _worker_only()
    today = queries.today_of(current_user)
    monday = _monday(request.values.get("week"), today)
    days = rules.week_days(monday)
    targets = {t.key: t for _kind, found in queries.targets_of(current_user, _locale())
               for t in found if t.id is not None}
    filled = services.week_cells(current_user.id, monday)
    keys = list(dict.fromkeys([k for k, _d in filled] + queries.recent_keys(current_user.id)))
    keys += [k for k in targets if k not in keys][:max(0, rules.SHEET_ROWS - len(keys))]
    form, status, errors = SheetForm(), 200, []
    values = {cell_name(k, d): filled.get((k, d), "") for k in keys for d in days}
    if form.validate_on_submit():
        cells, bad = read_cells(request.form, keys, days)
        values.update({name: request.form.get(name, "") for name in values})
        try:
            if bad:
                raise DomainError("not_a_number", labels.problem("not_a_number"))
            changed = services.save_week(current_user, monday, cells)
            db.session.commit()
            flash(_("The week is saved (%(n)d cells changed).", n=changed), "info")
            return redirect(url_for("admission.week_sheet", week=monday.isoformat()))
        except DomainError as exc:
            db.session.rollback()
            errors, status = [exc.message], exc.status
    elif request.method == "POST":
        errors, status = [_("This form has expired. Reload the page and try again.")], 400
    labels_of = {k: targets[k].label if k in targets else _unlisted(k) for k in keys}
    return render_template("admission/hours/week.html", form=form, monday=monday, days=days,
                           keys=keys, labels_of=labels_of, values=values, errors=errors,
                           today=today, previous=monday - timedelta(days=7),
                           following=monday + timedelta(days=7)), status


@bp.route("/hours/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@login_required
def edit_entry(entry_id: int):
    entry = queries.visible_entry(current_user, entry_id)
    today = queries.today_of(current_user)
    require(permissions.can_change_entry(current_user, entry, today),
            _("You can change only your own entries of the last %(n)d days.",
              n=rules.EDIT_DAYS))
    form = EntryForm(obj=entry)
    status = 200
    if form.validate_on_submit():
        try:
            services.edit_entry(current_user, entry, form.minutes.data, form.day.data,
                                form.note.data or "")
            db.session.commit()
            flash(_("The entry is changed."), "info")
            return redirect(url_for("admission.my_hours"))
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
            status = exc.status
    elif request.method == "POST":
        status = 400
    return render_template("admission/hours/edit.html", form=form, entry=entry), status


@bp.post("/hours/entries/<int:entry_id>/delete")
@login_required
def delete_entry(entry_id: int):
    entry = queries.visible_entry(current_user, entry_id)
    form = SheetForm()
    if form.validate_on_submit():
        attempt(services.delete_entry, current_user, entry, done=_("The entry is deleted."))
    else:
        flash_form_errors(form)
    return redirect(url_for("admission.my_hours"))


@bp.get("/hours/workload")
@login_required
def workload():
    require(permissions.can_view_workload(current_user),
            _("The workload is shown to the office's administrators and to each worker."))
    form = RangeForm(request.args)
    everyone = permissions.sees_every_worker(current_user)
    today = (local_today(clock().now(), "Asia/Shanghai") if everyone
             else queries.today_of(current_user))
    span = rules.week_range(today, request.args.get("weeks"))
    form.weeks.data = str(span.weeks)
    page = _page_number(request.args.get("page"))
    pages = max(1, -(-queries.count_workers() // queries.WORKERS_PER_PAGE)) if everyone else 1
    page = min(page, pages)
    rows = (queries.workload(span, page=page) if everyone
            else queries.workload(span, current_user.id))
    title = _("Share of each week spent for departments, per worker, %(first)s to %(last)s",
              first=span.first.isoformat(), last=span.last.isoformat())

    words = _("%(name)s, week of %(week)s: %(hours)s h, %(percent)d%% for departments")

    def cell_title(row, cell):
        return words % {"name": row.name, "week": cell.monday.isoformat(),
                        "hours": rules.hours_text(cell.total), "percent": cell.percent}

    streets = [(street, queries.estimated_and_measured(street.id, span))
               for street in all_streets()] if everyone else []
    return render_template("admission/hours/workload.html", form=form, span=span, rows=rows,
                           page=page, pages=pages,
                           everyone=everyone, shares=list(rules.Share), streets=streets,
                           chart=charts.heat_map(rows, span.mondays, title, cell_title))


# --- the public figures ------------------------------------------------------------------

def _figures(community_ids, zone: str):
    months = queries.last_months(local_today(clock().now(), zone))
    return months, queries.monthly(community_ids, months[0], months[-1])


def _csv(filename: str, months, figures):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["month", *[kind.value for kind in rules.HoursType], "total_hours"])
    for month in months:
        found = figures.get(month, {})
        writer.writerow([cell(month.strftime("%Y-%m"))]
                        + [rules.hours_text(found.get(kind, 0)) for kind in rules.HoursType]
                        + [rules.hours_text(sum(found.values()))])
    response = current_app.response_class("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/c/<slug>/hours")
def community_hours(slug: str):
    community = get_community_or_404(slug)
    months, figures = _figures([community.id], community.timezone)
    return render_template("admission/hours/public.html", place=community.display_name(
        _locale()), months=months, figures=figures, kinds=list(rules.HoursType),
        csv_url=url_for("admission.community_hours_csv", slug=slug),
        json_url=url_for("admission_api.community_hours", slug=slug))


@bp.get("/c/<slug>/hours.csv")
def community_hours_csv(slug: str):
    community = get_community_or_404(slug)
    return _csv(f"hours-{community.slug}.csv", *_figures([community.id], community.timezone))


@bp.get("/streets/<int:street_id>/hours")
def street_hours(street_id: int):
    street = get_street(street_id)
    months, figures = _figures(queries.street_community_ids(street.id), "Asia/Shanghai")
    return render_template("admission/hours/public.html", place=street.display_name(
        _locale()), months=months, figures=figures, kinds=list(rules.HoursType),
        csv_url=url_for("admission.street_hours_csv", street_id=street.id),
        json_url=url_for("admission_api.street_hours", street_id=street.id))


@bp.get("/streets/<int:street_id>/hours.csv")
def street_hours_csv(street_id: int):
    street = get_street(street_id)
    return _csv(f"hours-street-{street.id}.csv",
                *_figures(queries.street_community_ids(street.id), "Asia/Shanghai"))
