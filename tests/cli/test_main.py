"""The top-level command: version, help, unknown commands."""

import pytest

from tmtool import __version__


def test_version(cli_run):
    code, out, _ = cli_run(["--version"])
    assert code == 0
    assert __version__ in out


def test_help_lists_commands(cli_run):
    code, out, _ = cli_run(["--help"])
    assert code == 0
    assert "Usage" in out


def test_unknown_command_is_one_line_error(cli_run):
    code, _, err = cli_run(["no-such-command"])
    assert code == 2
    assert "Traceback" not in err
    assert "no-such-command" in err


def test_usage_error_is_one_line(cli_run):
    code, _, err = cli_run(["align"])
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("tmtool: error:") and "--help" in err


def test_unwritable_output_is_one_line_naming_the_file(cli_run, tmp_path):
    """A file where a folder should be: the OS error becomes one line naming the path."""
    from tmtool.align import AlignedDocument, Alignment, Link, write_alignment

    alignment = tmp_path / "alignment.json"
    write_alignment(
        Alignment((AlignedDocument("en", ("Hello.",)), AlignedDocument("fr", ("Bonjour.",))), (Link({"en": (0,), "fr": (0,)}),)),
        alignment,
    )
    blocker = tmp_path / "plain-file"
    blocker.write_text("x", "utf-8")
    code, _, err = cli_run(["export", alignment, "--tmx", blocker / "out.tmx"])
    assert code == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "plain-file: not a directory" in err  # not "File exists"


def test_closed_stdout_exits_quietly(root):
    """`tmtool ... | head -1` must not report an error when head stops reading."""
    import subprocess
    import sys

    # Output far larger than a pipe buffer, so the write really fails once head has gone.
    script = "from tmtool.cli import main; main(['glossary', 'show', 'glossaries/un-places.tbx'])"
    proc = subprocess.run(
        f"'{sys.executable}' -c \"{script}\" | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, cwd=root,
    )
    assert proc.stdout.strip() == "0", proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_tmtool_warnings_are_one_line_and_others_as_python_shows_them(capsys) -> None:
    from tmtool.cli import _show_warning
    from tmtool.glossary.model import GlossaryWarning

    _show_warning(GlossaryWarning("g.txt: 1 row(s) skipped"), GlossaryWarning, "/x/omegat.py", 134)
    assert capsys.readouterr().err == "tmtool: warning: g.txt: 1 row(s) skipped\n"
    _show_warning(DeprecationWarning("old"), DeprecationWarning, "/x/lib.py", 7)
    assert "lib.py:7: DeprecationWarning: old" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["segment", "corpora/un-letter-2023/letter.ar.txt"],
    ["glossary", "show", "glossaries/un-places.tbx", "--format", "json"],
])
def test_an_output_encoding_that_cannot_hold_the_text_is_one_line(root, args):
    """stdout in an encoding without Arabic (a Latin-1 locale; a Windows pipe, cp1252) gave a UnicodeEncodeError
    traceback; now one line saying what to set, exit code 1."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-m", "tmtool", *args], capture_output=True, cwd=root, env=env,
                          timeout=120)
    err = proc.stderr.decode("latin-1")
    assert proc.returncode == 1 and "Traceback" not in err, err
    assert err.count("\n") == 1 and err.startswith("tmtool: error: standard output is iso8859-1, which cannot hold ")
    assert err.rstrip().endswith("set PYTHONIOENCODING=utf-8 (or use a UTF-8 locale)")
