"""The top-level command: version, help, unknown commands."""

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
