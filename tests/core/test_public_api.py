"""tmtool as a library: what a script sees of it (README.md, "Using tmtool from Python").

- The package is marked typed (PEP 561): ``tmtool/py.typed`` ships in the wheel, so that a type checker reads
  tmtool's annotations instead of refusing the import.
- The names ``tmtool.align`` loads on first use (PEP 562, so that the review screen starts fast) are also
  imported for type checkers, else every one of them (``align_documents`` first) was ``Any`` to a user's mypy.
"""

from __future__ import annotations

import ast
import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_package_is_marked_typed_and_the_marker_ships_in_the_wheel() -> None:
    assert (ROOT / "tmtool" / "py.typed").is_file()
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]
    globs = package_data.get("*", []) + package_data.get("tmtool", [])
    assert any(fnmatch.fnmatch("py.typed", glob) for glob in globs), globs


def _type_checking_imports(path: Path) -> dict[str, str]:
    """Name -> module (relative, without its dots) of the imports under ``if TYPE_CHECKING:`` in ``path``."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom):
                    found.update({alias.asname or alias.name: stmt.module or "" for alias in stmt.names})
    return found


def test_every_lazily_loaded_align_name_is_seen_by_type_checkers() -> None:
    import tmtool.align as align

    seen = _type_checking_imports(ROOT / "tmtool" / "align" / "__init__.py")
    assert {name: seen.get(name) for name in align._LAZY} == align._LAZY
    for name in align.__all__:  # and each is the object the lazy loading gives
        assert getattr(align, name) is not None
