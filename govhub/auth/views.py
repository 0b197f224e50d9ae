"""Sign-in, registration, profile and language pages."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from govhub.auth import bp, services, sessions
from govhub.auth.forms import LanguageForm, LoginForm, PasswordForm, ProfileForm, RegisterForm
from govhub.auth.models import AnonymousUser
from govhub.auth.web import current_session, sign_in, sign_out
from govhub.communities.queries import all_communities, get_community
from govhub.core.errors import DomainError, TooManyAttempts
from govhub.core.labels import device_label
from govhub.extensions import db, login_manager
from govhub.web.locale import LOCALE_COOKIE, browser_locale
from govhub.web.view_helpers import safe_next_url, show_domain_error

login_manager.anonymous_user = AnonymousUser
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("communities.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.username.data, form.password.data,
                                         get_remote_address())
        except TooManyAttempts as exc:
            show_domain_error(form, exc)
            return (render_template("auth/login.html", form=form), exc.status,
                    {"Retry-After": str(exc.retry_after)})
        except DomainError as exc:
            db.session.commit()  # keep the audit record of the failed attempt
            show_domain_error(form, exc)
        else:
            services.record_login(user, via="web")
            sign_in(user, remember=form.remember.data)
            db.session.commit()
            return redirect(safe_next_url(form.next.data, url_for("communities.home")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign this browser out: its session ends on the server, so a copy of the cookie
    opens nothing, and its live connections are closed."""
    ended = current_session()
    if ended is not None:
        sessions.end_session(current_user, ended)
    services.record_logout(current_user)
    db.session.commit()
    sign_out()
    flash(_("You are signed out."), "info")
    return redirect(url_for("communities.home"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    form.community.choices = [(c.id, c.name) for c in all_communities()]
    if form.validate_on_submit():
        community = get_community(form.community.data)
        try:
            user = services.register_resident(
                community, form.username.data, form.display_name.data, form.password.data,
                email=form.email.data, phone=form.phone.data,
                locale=_registration_locale(),
            )
            services.record_login(user, via="registration")
            sign_in(user)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("Welcome! A community worker will confirm your account and seat you on "
                    "a council; until then you can read but not vote."), "info")
            return redirect(url_for("communities.home"))
    return render_template("auth/register.html", form=form)


def _registration_locale() -> str | None:
    """The language the resident registered in, when their browser said which (the language
    cookie or Accept-Language): what they are told in later, on pages and in notifications
    pushed to them. None leaves it to the community's default."""
    if request.cookies.get(LOCALE_COOKIE) or request.accept_languages:
        return browser_locale()
    return None


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    profile = ProfileForm(obj=current_user, prefix="profile")
    password = PasswordForm(prefix="password")
    if profile.validate_on_submit():
        try:
            services.update_profile(current_user, profile.display_name.data, profile.locale.data,
                                    email=profile.email.data, phone=profile.phone.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(profile, exc)
        else:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(profile, password)


@bp.post("/account/password")
@login_required
def change_password():
    profile = ProfileForm(obj=current_user, prefix="profile", formdata=None)
    password = PasswordForm(prefix="password")
    if password.validate_on_submit():
        try:
            services.change_password(current_user, password.current_password.data,
                                     password.new_password.data, keep=current_session())
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(password, exc)
        else:
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("auth.account"))
    return _account_page(profile, password)


def _account_page(profile: ProfileForm, password: PasswordForm):
    return render_template("auth/account.html", profile=profile, password=password,
                           signed_in=sessions.standing_sessions(current_user),
                           this_session=current_session(),
                           tokens=services.standing_tokens(current_user), device_label=device_label)


@bp.post("/account/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int):
    """Sign one of one's browsers out (a lost phone, a shared computer)."""
    ended = sessions.own_session(current_user, session_id)
    this_one = ended == current_session()
    sessions.end_session(current_user, ended)
    db.session.commit()
    if this_one:
        sign_out()
        flash(_("You are signed out."), "info")
        return redirect(url_for("communities.home"))
    flash(_("That device is signed out."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    """End every browser's session, this one's included; API tokens are revoked one by one."""
    sessions.sign_out_everywhere(current_user)
    db.session.commit()
    sign_out()
    flash(_("You are signed out on every device."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of one's API tokens; the live connections it opened end with it."""
    services.revoke_token(current_user, services.own_token(current_user, token_id))
    db.session.commit()
    flash(_("The token is revoked."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/language")
def set_language():
    form = LanguageForm()
    target = safe_next_url(form.next.data, url_for("communities.home"))
    if not form.validate_on_submit():
        flash(_("That language is not available."), "error")
        return redirect(target)
    if current_user.is_authenticated:
        services.set_locale(current_user, form.locale.data)
        db.session.commit()
    response = redirect(target)
    response.set_cookie(LOCALE_COOKIE, form.locale.data, max_age=365 * 24 * 3600,
                        httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
