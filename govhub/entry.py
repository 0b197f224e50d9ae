"""The `govhub` command's entry point.

gevent must monkey-patch the standard library before anything else imports
it (sockets, threads, ssl), so this module reads the async mode with the
stdlib-only config loader, patches, and only then imports Flask and GovHub.
"""

import sys


def main() -> None:
    from govhub.config import ConfigError, load_config

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
