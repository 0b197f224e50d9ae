"""core/ is the foundation: it imports no feature (not even for type hints), so that no
feature and core import each other (auth.models imports core.roles, never the reverse)."""

import ast
from pathlib import Path

CORE = Path(__file__).parents[2] / "govhub" / "core"
ALLOWED = ("govhub.core", "govhub.extensions")


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_core_imports_no_feature():
    reaching_out = {
        f"{path.name}: {name}"
        for path in sorted(CORE.glob("*.py"))
        for name in _imported_modules(path)
        if name.split(".")[0] == "govhub" and not name.startswith(ALLOWED)
    }
    assert reaching_out == set()


def test_the_check_sees_a_feature_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from govhub.auth.models import User\n")
    assert "govhub.auth.models" in _imported_modules(sample)
