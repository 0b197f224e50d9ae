"""The `govhub` command's entry point (`govhub ...` and `python -m govhub ...`).

gevent must monkey-patch the standard library before anything else imports
it (sockets, threads, ssl), so main() reads the async mode with the
stdlib-only config loader, patches, and only then imports Flask and GovHub's
features. Importing this module runs govhub/__init__.py first, which
therefore imports nothing but the standard library at module level
(tests/cli/test_entry.py holds both to it).
"""

import sys


def main() -> None:
    from govhub.core.config import ConfigError, load_config

    try:
        async_mode = load_config()["socketio_async_mode"]
    except ConfigError as exc:
        sys.exit(f"govhub: {exc}")
    if async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    from govhub.cli import cli

    cli(prog_name="govhub")


if __name__ == "__main__":
    main()
