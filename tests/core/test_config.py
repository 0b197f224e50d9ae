"""Configuration: embedded defaults < GOVHUB_CONFIG file < GOVHUB_* variables < overrides."""

import pytest

from govhub import create_app
from govhub.core.config import (
    DEFAULT_SECRET_KEY,
    ConfigError,
    check_production_ready,
    load_config,
    load_defaults,
)


@pytest.fixture
def config_file(tmp_path):
    """config_file(text) -> environ naming a TOML file with that text in GOVHUB_CONFIG."""

    def write(text: str) -> dict[str, str]:
        path = tmp_path / "govhub.toml"
        path.write_text(text, encoding="utf-8")
        return {"GOVHUB_CONFIG": str(path)}

    return write


# --- defaults ----------------------------------------------------------------

def test_without_file_or_environment_the_defaults_apply():
    config = load_config(environ={})
    assert config == load_defaults()
    assert config["env"] == "development"
    assert config["secret_key"] == DEFAULT_SECRET_KEY
    assert config["demo_residents"] == 45
    assert config["session_cookie_secure"] is False
    assert config["socketio_cors_allowed_origins"] == []


def test_unrelated_environment_variables_are_ignored():
    config = load_config(environ={"HOME": "/root", "GOVHUB_NOT_A_SETTING": "x"})
    assert config == load_defaults()


# --- the GOVHUB_CONFIG file --------------------------------------------------

def test_a_config_file_overrides_the_defaults(config_file):
    environ = config_file('env = "production"\nsecret_key = "from the file"\nproxy_count = 2\n')
    config = load_config(environ=environ)
    assert config["env"] == "production"
    assert config["secret_key"] == "from the file"
    assert config["proxy_count"] == 2
    assert config["default_locale"] == "en"  # what the file leaves out keeps its default


def test_an_unknown_key_in_the_config_file_is_refused_by_name(config_file):
    environ = config_file('secret_key = "s"\nsecret_kye = "typo"\n')
    with pytest.raises(ConfigError, match="unknown setting.*secret_kye"):
        load_config(environ=environ)


def test_a_text_where_a_number_belongs_in_the_config_file_is_refused(config_file):
    environ = config_file('demo_residents = "many"\n')
    with pytest.raises(ConfigError, match="demo_residents must be int, not 'many'"):
        load_config(environ=environ)


def test_a_boolean_where_a_number_belongs_in_the_config_file_is_refused(config_file):
    environ = config_file("proxy_count = true\n")
    with pytest.raises(ConfigError, match="proxy_count must be int"):
        load_config(environ=environ)


def test_a_number_where_a_boolean_belongs_in_the_config_file_is_refused(config_file):
    environ = config_file("session_cookie_secure = 1\n")
    with pytest.raises(ConfigError, match="session_cookie_secure must be bool"):
        load_config(environ=environ)


def test_a_config_file_that_is_not_toml_is_refused(config_file):
    environ = config_file("secret_key = unquoted words\n")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_config(environ=environ)


def test_a_missing_config_file_is_refused(tmp_path):
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match="cannot read .*nowhere.toml"):
        load_config(environ={"GOVHUB_CONFIG": str(missing)})


# --- GOVHUB_* environment variables ------------------------------------------

def test_an_environment_variable_overrides_the_config_file(config_file):
    environ = config_file('secret_key = "from the file"\n')
    environ["GOVHUB_SECRET_KEY"] = "from the environment"
    assert load_config(environ=environ)["secret_key"] == "from the environment"


def test_a_number_from_the_environment_is_read_as_a_number():
    config = load_config(environ={"GOVHUB_MAX_CONTENT_LENGTH": "5_000_000",
                                  "GOVHUB_PROXY_COUNT": " 1 "})
    assert config["max_content_length"] == 5_000_000
    assert config["proxy_count"] == 1


@pytest.mark.parametrize("raw", ["true", "TRUE", "1", "yes", "on"])
def test_a_true_boolean_from_the_environment_is_read_as_true(raw):
    config = load_config(environ={"GOVHUB_SESSION_COOKIE_SECURE": raw})
    assert config["session_cookie_secure"] is True


@pytest.mark.parametrize("raw", ["false", "False", "0", "no", "off", ""])
def test_a_false_boolean_from_the_environment_is_read_as_false(raw, config_file):
    environ = config_file("session_cookie_secure = true\n")
    environ["GOVHUB_SESSION_COOKIE_SECURE"] = raw
    assert load_config(environ=environ)["session_cookie_secure"] is False


def test_a_list_from_the_environment_may_be_json():
    config = load_config(environ={
        "GOVHUB_SOCKETIO_CORS_ALLOWED_ORIGINS": '["https://a.example", "https://b.example"]'})
    assert config["socketio_cors_allowed_origins"] == ["https://a.example", "https://b.example"]


def test_a_list_from_the_environment_may_be_comma_separated():
    config = load_config(environ={
        "GOVHUB_SOCKETIO_CORS_ALLOWED_ORIGINS": " https://a.example, https://b.example ,"})
    assert config["socketio_cors_allowed_origins"] == ["https://a.example", "https://b.example"]


def test_an_empty_list_from_the_environment_is_an_empty_list(config_file):
    environ = config_file('socketio_cors_allowed_origins = ["https://a.example"]\n')
    environ["GOVHUB_SOCKETIO_CORS_ALLOWED_ORIGINS"] = ""
    assert load_config(environ=environ)["socketio_cors_allowed_origins"] == []


def test_a_text_from_the_environment_is_kept_as_it_is():
    config = load_config(environ={"GOVHUB_DATABASE_URL": "postgresql+psycopg://db/govhub"})
    assert config["database_url"] == "postgresql+psycopg://db/govhub"


def test_a_bad_number_in_the_environment_is_refused_by_name():
    with pytest.raises(ConfigError, match="GOVHUB_DEMO_RESIDENTS must be a whole number"):
        load_config(environ={"GOVHUB_DEMO_RESIDENTS": "lots"})


def test_a_bad_boolean_in_the_environment_is_refused_by_name():
    with pytest.raises(ConfigError, match="GOVHUB_SESSION_COOKIE_SECURE must be true or false"):
        load_config(environ={"GOVHUB_SESSION_COOKIE_SECURE": "maybe"})


def test_a_bad_json_list_in_the_environment_is_refused_by_name():
    variable = "GOVHUB_SOCKETIO_CORS_ALLOWED_ORIGINS"
    with pytest.raises(ConfigError, match=f"{variable} must be a JSON list"):
        load_config(environ={variable: '["https://a.example"'})


# --- overrides ---------------------------------------------------------------

def test_overrides_beat_the_environment_and_the_file(config_file):
    environ = config_file('secret_key = "from the file"\n')
    environ["GOVHUB_SECRET_KEY"] = "from the environment"
    config = load_config(environ=environ, overrides={"secret_key": "from the caller"})
    assert config["secret_key"] == "from the caller"


# --- production ----------------------------------------------------------------

def test_production_with_the_default_secret_key_is_refused():
    config = load_config(environ={"GOVHUB_ENV": "production"})
    with pytest.raises(ConfigError, match="refuses to start in production with the default secret"):
        check_production_ready(config)


def test_production_with_an_empty_secret_key_is_refused():
    config = load_config(environ={"GOVHUB_ENV": "production", "GOVHUB_SECRET_KEY": ""})
    with pytest.raises(ConfigError, match="GOVHUB_SECRET_KEY"):
        check_production_ready(config)


def test_production_with_a_real_secret_key_is_accepted():
    config = load_config(environ={"GOVHUB_ENV": "production",
                                  "GOVHUB_SECRET_KEY": "a long random production secret"})
    check_production_ready(config)  # does not raise


def test_development_with_the_default_secret_key_is_accepted():
    check_production_ready(load_config(environ={}))  # does not raise


def test_the_app_refuses_to_start_in_production_with_the_default_secret_key(
        monkeypatch, tmp_path):
    monkeypatch.delenv("GOVHUB_CONFIG", raising=False)
    monkeypatch.delenv("GOVHUB_SECRET_KEY", raising=False)
    monkeypatch.setenv("GOVHUB_ENV", "production")
    with pytest.raises(ConfigError, match="default secret key"):
        create_app({"instance_path": str(tmp_path / "instance")})
    assert not (tmp_path / "instance").exists()  # refused before touching the disk


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("password_hash_profile", "FASTEST", "password_hash_profile must be one of OWASP"),
    ("signin_failures_per_account", "ten a minute", "signin_failures_per_account must be"),
])
def test_the_app_refuses_to_start_with_an_unreadable_sign_in_setting(tmp_path, setting, value,
                                                                     message):
    with pytest.raises(ConfigError, match=message):
        create_app({"instance_path": str(tmp_path / "instance"), setting: value})


def test_the_shipped_password_hash_is_no_weaker_than_owasps_minimum():
    from govhub.auth.passwords import PROFILES

    profile = PROFILES[load_defaults()["password_hash_profile"]]
    assert profile.type.name == "ID"
    # OWASP's equivalent argon2id settings trade memory for passes: 19 MiB x 2, 46 MiB x 1.
    assert profile.memory_cost >= 19 * 1024 and profile.memory_cost * profile.time_cost >= 38 * 1024


def test_the_office_calendar_takes_dates_from_the_environment():
    config = load_config(environ={"GOVHUB_HOLIDAYS": "2026-10-01,2026-10-02",
                                  "GOVHUB_WORKDAYS": "2026-10-10"})
    assert config["holidays"] == ["2026-10-01", "2026-10-02"]
    assert config["workdays"] == ["2026-10-10"]


@pytest.mark.parametrize("environ", [
    {"GOVHUB_HOLIDAYS": "2026-13-01"},
    {"GOVHUB_WORKDAYS": "next saturday"},
    {"GOVHUB_HOLIDAYS": "2026-10-01", "GOVHUB_WORKDAYS": "2026-10-01"},
])
def test_a_calendar_day_that_is_not_one_stops_the_start(environ):
    with pytest.raises(ConfigError):
        load_config(environ=environ)
