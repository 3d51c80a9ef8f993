"""tmtool as a library: what a script sees of it (README.md, "Using tmtool from Python").

- The README's Python block runs as written, from a folder holding the project's corpora and glossaries, and
  prints what its ``# ->`` comments say, line by line; nothing on stderr, no warning.
- The package is marked typed (PEP 561): ``tmtool/py.typed`` ships in the wheel, so that a type checker reads
  tmtool's annotations instead of refusing the import.
- The names ``tmtool.align`` loads on first use (PEP 562, so that the review screen starts fast) are also
  imported for type checkers, else every one of them (``align_documents`` first) was ``Any`` to a user's mypy.
"""

from __future__ import annotations

import ast
import fnmatch
import tomllib
import warnings
from pathlib import Path

import pytest

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


def _readme_python_block() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Using tmtool from Python\n", 1)[1]
    return section.split("```python\n", 1)[1].split("\n```", 1)[0]


def test_the_readme_python_journey_runs_and_prints_what_its_comments_say(tmp_path: Path, monkeypatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = _readme_python_block()
    expected = [line.split("# -> ", 1)[1] for line in code.splitlines() if "# -> " in line]
    assert len(expected) >= 5  # the block is the journey, not an empty match
    for name in ("corpora", "glossaries"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the letter aligns without a doubt worth a warning
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr()
    assert out.err == ""
    printed = out.out.splitlines()
    assert len(printed) == len(expected), printed
    for line, want in zip(printed, expected):
        assert line.startswith(want), (line, want)
    written = tmp_path / "py-output"
    assert (written / "alignment.json").is_file() and (written / "letter-en-fr.tmx").is_file()
    assert (written / "tm" / "manifest.json").is_file()


def test_a_misspelt_glossary_option_is_refused_not_ignored(tmp_path: Path) -> None:
    """``write_glossary(g, path, fmt="memoq")`` took ``fmt`` into ``**options`` and wrote the lossless CSV
    without a word (a memoQ import of it then failed or mapped columns wrongly); ``read_glossary(path,
    encodng=...)`` read the file as UTF-8. The options are now named parameters: a misspelt one is Python's
    TypeError, as for any function."""
    from tmtool.glossary import read_glossary, write_glossary

    organs = read_glossary(ROOT / "glossaries" / "un-organs.csv")
    out = tmp_path / "organs.csv"
    with pytest.raises(TypeError, match="fmt"):
        write_glossary(organs, out, fmt="memoq")  # type: ignore[call-arg]
    assert not out.exists()
    write_glossary(organs, out, "memoq")
    with pytest.raises(TypeError, match="encodng"):
        read_glossary(out, encodng="utf-16")  # type: ignore[call-arg]
    assert len(read_glossary(out, "memoq", encoding="utf-8").entries) == len(organs.entries)
