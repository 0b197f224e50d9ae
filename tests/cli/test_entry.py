"""The `govhub` command patches gevent before Flask is imported, however it is started."""

import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from pkgutil import resolve_name

import pytest

import govhub.__main__

# Runs in a fresh interpreter: notes which socket class exists when Flask is first looked
# for, then starts the command the way `start` says.
WATCH = """
import sys

class Watch:
    socket_when_flask_came = None

    def find_spec(self, name, path=None, target=None):
        if name == "flask" and Watch.socket_when_flask_came is None:
            socket = sys.modules.get("socket")
            Watch.socket_when_flask_came = socket.socket.__module__ if socket else "none yet"

sys.meta_path.insert(0, Watch())
sys.argv = ["govhub", "--help"]
try:
    {start}
except SystemExit:
    pass
print("socket when Flask came:", Watch.socket_when_flask_came)
"""

STARTS = {
    "the console script": "from govhub.__main__ import main; main()",
    "python -m govhub": "import runpy; runpy.run_module('govhub', run_name='__main__')",
}


@pytest.mark.parametrize("start", STARTS.values(), ids=list(STARTS))
def test_flask_is_imported_only_after_gevent_patched_the_socket(start, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("GOVHUB_")}
    env.update(GOVHUB_INSTANCE_PATH=str(tmp_path / "instance"),
               GOVHUB_SOCKETIO_ASYNC_MODE="gevent")
    process = subprocess.run([sys.executable, "-c", WATCH.format(start=start)], cwd=tmp_path,
                             env=env, capture_output=True, text=True, timeout=60)
    assert process.returncode == 0, process.stderr
    assert "create-user" in process.stdout  # the command ran
    last_line = process.stdout.strip().splitlines()[-1]
    assert last_line.startswith("socket when Flask came: gevent."), last_line


def test_the_console_script_is_the_entry_point_main():
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    target = pyproject["project"]["scripts"]["govhub"]
    assert resolve_name(target.replace(":", ".")) is govhub.__main__.main
    installed = metadata.entry_points(group="console_scripts", name="govhub")
    assert [entry.value for entry in installed] == [target]
