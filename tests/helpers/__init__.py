"""Plain helpers the tests share; the fixtures are in tests/conftest.py.

- api.py: reading JSON API answers, and what the publisher sent to a room;
- live.py: talking to /live through flask_socketio's in-process test client;
- records.py: rows a test looks up (a meeting's organiser, a poll's stored ballots);
- servers.py: a real `govhub run` in its own process, and throwaway PostgreSQL databases;
- fuzz.py: Schemathesis against a demo server, one user at a time.
"""

# Every demo and test account's password (the app's `demo_password` in the tests).
PASSWORD = "correct horse battery"

# The app's settings in the tests (each test's app adds its instance folder and database).
TEST_SETTINGS = {
    "env": "test",
    "secret_key": "test-secret-key",
    # argon2's cheapest profile keeps hashing out of the suite's run time.
    "password_hash_profile": "CHEAPEST",
    # The test client and socketio.test_client run in this process, unpatched.
    "socketio_async_mode": "threading",
    "demo_password": PASSWORD,
    # Ballots and tallies inline: the test's one connection stays in this thread.
    "ballot_batch_ms": 0,
    "tally_interval_ms": 0,
}
