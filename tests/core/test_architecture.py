"""The house rules of the package's layout, checked on the source (README, "How the code is laid out").

- The core pipeline (every package but ``cli`` and ``review``) never imports the CLI, the review UI or the UI
  libraries (click, textual, rich): it stays a library others can call.
- The review UI is a leaf: nothing outside ``cli`` imports it.
- Every module stays well under 800 lines and says what it exports (``__all__``).

Imports are read with :mod:`ast`, so those inside functions (the lazy ones) count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tmtool"
MAX_LINES = 800
UI_LIBRARIES = ("click", "textual", "rich")
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """``(line, absolute module name)`` of every import in the file (or in ``source`` read as that file),
    relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source, filename=str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append((node.lineno, name))
            # `from .. import cli` names the module in the alias
            out.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
    return out


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def _forbidden(layer: str, module: str) -> str | None:
    top = module.split(".")[0]
    if layer not in ("cli", "review", "__main__") and top in UI_LIBRARIES:
        return f"the UI library {top}"
    if layer not in ("cli", "__main__") and (module == "tmtool.cli" or module.startswith("tmtool.cli.")):
        return "the CLI"
    if layer not in ("cli", "review") and (module == "tmtool.review" or module.startswith("tmtool.review.")):
        return "the review UI"
    return None


def layer_violations(paths: list[Path], source: str | None = None) -> list[str]:
    """Every import that breaks the layering, as ``file:line imports what`` (``source``: read for each path)."""
    found = {}
    for path in paths:
        for line, module in imported_modules(path, source):
            why = _forbidden(_layer(path), module)
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if why and where not in found:  # one finding per import statement
                found[where] = f"{where} imports {why} ({module})"
    return list(found.values())


def test_the_core_never_imports_the_cli_or_the_ui() -> None:
    assert layer_violations(MODULES) == []


def test_the_layer_check_sees_imports_of_every_form() -> None:
    """The check itself: top-level, lazy, relative and aliased imports of the CLI or UI from a core module
    (sources read as if they were a module of ``tmtool/tm``; nothing is written into the package)."""
    core, cli = PACKAGE / "tm" / "probe.py", PACKAGE / "cli" / "probe.py"
    sources = {
        "import textual.app\n": "the UI library textual",
        "def f():\n    from ..cli import main\n": "the CLI",
        "from .. import review\n": "the review UI",
        "from tmtool.cli.tm import lookup\n": "the CLI",
        "import rich.progress as p\n": "the UI library rich",
    }
    for source, why in sources.items():
        found = layer_violations([core], source)
        assert len(found) == 1 and found[0].startswith(f"tmtool/tm/probe.py:{source.count(chr(10))} imports {why} ("), (
            source, found)
    assert layer_violations([core], "from ..align import align_pairs\nimport polars\n") == []
    assert layer_violations([cli], "import click\nfrom ..review import app\n") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_short_and_declare_their_exports(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") < MAX_LINES, f"{path.name}: {text.count(chr(10))} lines; split it by concept"
    if path.name != "__main__.py":
        tree = ast.parse(text)
        names = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                 for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}
        assert "__all__" in names, f"{path.name} has no __all__"
