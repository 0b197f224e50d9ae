"""Sign-in, registration, profile and language pages."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from govhub.auth import bp, services
from govhub.auth.forms import LanguageForm, LoginForm, PasswordForm, ProfileForm, RegisterForm
from govhub.auth.models import AnonymousUser, User
from govhub.communities.queries import all_communities, get_community
from govhub.core.errors import DomainError, TooManyAttempts
from govhub.core.web import safe_next_url, show_domain_error
from govhub.extensions import db, login_manager
from govhub.i18n import LOCALE_COOKIE

login_manager.anonymous_user = AnonymousUser
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Session ids are "<user id>:<epoch>"; an old epoch is a signed-out browser."""
    user_id, _sep, epoch = session_id.partition(":")
    if not (user_id.isdigit() and epoch.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_epoch != int(epoch):
        return None
    return user


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
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next_url(form.next.data, url_for("communities.home")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    services.record_logout(current_user)
    db.session.commit()
    logout_user()
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
                locale=request.cookies.get(LOCALE_COOKIE),
            )
            services.record_login(user, via="registration")
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            login_user(user)
            flash(_("Welcome! A community worker will confirm your account; "
                    "until then you can read but not vote."), "info")
            return redirect(url_for("communities.home"))
    return render_template("auth/register.html", form=form)


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
    return render_template("auth/account.html", profile=profile, password=password)


@bp.post("/account/password")
@login_required
def change_password():
    profile = ProfileForm(obj=current_user, prefix="profile", formdata=None)
    password = PasswordForm(prefix="password")
    if password.validate_on_submit():
        try:
            services.change_password(current_user, password.current_password.data,
                                     password.new_password.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(password, exc)
        else:
            login_user(current_user)  # this browser stays signed in with the new epoch
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", profile=profile, password=password)


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
