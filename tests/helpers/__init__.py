"""Plain helpers the tests share; the fixtures are in tests/conftest.py.

- api.py: reading JSON API answers, and what the publisher sent to a room;
- live.py: talking to /live through flask_socketio's in-process test client;
- records.py: rows a test looks up (a meeting's organiser, a poll's stored ballots);
- servers.py: a real `govhub run` in its own process, and throwaway PostgreSQL databases.
"""

# Every demo and test account's password (the app's `demo_password` in the tests).
PASSWORD = "correct horse battery"
