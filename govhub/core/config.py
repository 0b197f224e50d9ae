"""Configuration: embedded defaults, then a TOML file, then the environment.

This module imports nothing from Flask or gevent: the command-line entry point
(govhub/__main__.py) reads the async mode from here before it monkey-patches anything.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from govhub.core.resources import resource_dir

ENV_PREFIX = "GOVHUB_"
DEFAULT_SECRET_KEY = "dev-only-not-secret"


class ConfigError(ValueError):
    """A configuration value is missing, unknown or of the wrong type."""


def load_defaults() -> dict[str, Any]:
    with open(resource_dir("config") / "default.toml", "rb") as fh:
        return tomllib.load(fh)


def load_config(
    environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Merge defaults < file named by GOVHUB_CONFIG < GOVHUB_* variables < overrides."""
    environ = os.environ if environ is None else environ
    config = load_defaults()
    path = environ.get(ENV_PREFIX + "CONFIG")
    if path:
        config.update(_read_file(Path(path), config))
    config.update(_read_environ(environ, config))
    config.update(overrides or {})
    _check_dates(config)
    return config


# Settings that list calendar days (ISO dates): checked at start, not when first used.
DATE_LISTS = ("holidays", "workdays")


def _check_dates(config: Mapping[str, Any]) -> None:
    days = {}
    for key in DATE_LISTS:
        try:
            days[key] = {date.fromisoformat(str(day)) for day in config.get(key, [])}
        except ValueError as exc:
            raise ConfigError(f"{key}: not a list of dates (YYYY-MM-DD): {exc}") from None
    both = days["holidays"] & days["workdays"]
    if both:
        raise ConfigError(f"holidays and workdays both list {min(both).isoformat()}")


def _read_file(path: Path, known: Mapping[str, Any]) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            values = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"GOVHUB_CONFIG: cannot read {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"GOVHUB_CONFIG: {path} is not valid TOML: {exc}") from exc
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s): {', '.join(unknown)}")
    for key, value in values.items():
        _check_type(key, value, known[key], source=str(path))
    return values


def _read_environ(environ: Mapping[str, str], known: Mapping[str, Any]) -> dict[str, Any]:
    values = {}
    for key, default in known.items():
        raw = environ.get(ENV_PREFIX + key.upper())
        if raw is not None:
            values[key] = _parse_env_value(key, raw, default)
    return values


def _parse_env_value(key: str, raw: str, default: Any) -> Any:
    """Environment values are strings; read them as the default's type."""
    name = ENV_PREFIX + key.upper()
    if isinstance(default, bool):
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"{name} must be true or false, not {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw.replace("_", ""))
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if isinstance(default, list):
        raw = raw.strip()
        if raw.startswith("["):
            try:
                value = json.loads(raw)
            except json.JSONDecodeError:
                raise ConfigError(f"{name} must be a JSON list or comma-separated") from None
            return [str(item) for item in value]
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def _check_type(key: str, value: Any, default: Any, source: str) -> None:
    expected = type(default)
    if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, expected):
        raise ConfigError(f"{source}: {key} must be {expected.__name__}, not {value!r}")


def check_production_ready(config: Mapping[str, Any]) -> None:
    """Refuse settings that are only fit for a developer's machine."""
    if config["env"] == "production" and config["secret_key"] in ("", DEFAULT_SECRET_KEY):
        raise ConfigError(
            "GovHub refuses to start in production with the default secret key: "
            "set GOVHUB_SECRET_KEY (or secret_key in the GOVHUB_CONFIG file)."
        )
