"""Where the top-level folders (templates, static, migrations, config) are.

In a checkout they sit beside the package; a wheel carries them inside it
(see pyproject.toml). Stdlib only: core/config.py uses it before Flask loads.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # govhub/


def resource_dir(name: str) -> Path:
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name
