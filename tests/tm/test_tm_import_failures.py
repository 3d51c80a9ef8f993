"""A failed import into a new TM folder leaves nothing behind; an import that adds nothing says why."""

from __future__ import annotations

from pathlib import Path

import pytest

import tmtool.tm.store as store_mod

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>One peace.</seg></tuv><tuv xml:lang="fr"><seg>Une paix.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Two peaces.</seg></tuv><tuv xml:lang="fr"><seg>Deux paix.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Three peaces.</seg></tuv><tuv xml:lang="fr"><seg>Trois paix.</seg></tuv></tu>
"""


@pytest.mark.parametrize("chunk", [100_000, 1])  # 1: parts were written before the file turned out broken
def test_failed_import_into_new_folder_leaves_nothing(tmp_path: Path, cli_run, monkeypatch, chunk) -> None:
    monkeypatch.setattr(store_mod, "CHUNK", chunk)
    broken = tmp_path / "trunc.tmx"
    broken.write_text(TMX + "<tu><tuv xml:lang=\"en\"><seg>Fou", encoding="utf-8")
    tm = tmp_path / "new" / "tm"
    code, _, err = cli_run(["tm", "import", str(broken), "--tm", str(tm)])
    assert code != 0 and "trunc.tmx" in err and "Traceback" not in err
    assert not tm.exists()
    good = tmp_path / "good.tmx"
    good.write_text(TMX + "</body></tmx>\n", encoding="utf-8")
    code, out, _ = cli_run(["tm", "import", str(good), "--tm", str(tm)])
    assert code == 0 and "3 units added" in out and (tm / "manifest.json").exists()


def test_failed_import_keeps_an_existing_tm(small_tm, tmp_path: Path, cli_run) -> None:
    broken = tmp_path / "trunc.tmx"
    broken.write_text(TMX + "<tu>", encoding="utf-8")
    before = small_tm.stats()["units"]
    code, _, _ = cli_run(["tm", "import", str(broken), "--tm", str(small_tm.directory)])
    assert code != 0 and small_tm.stats()["units"] == before


def test_import_says_why_units_were_not_added(tmp_path: Path, cli_run) -> None:
    one_lang = tmp_path / "one.tmx"
    one_lang.write_text(TMX.replace('<tuv xml:lang="fr">', '<tuv xml:lang="en">') + "</body></tmx>\n",
                        encoding="utf-8")
    code, out, _ = cli_run(["tm", "import", str(one_lang), "--tm", str(tmp_path / "tm")])
    assert code == 0
    assert "0 units added" in out and "3 units had text in fewer than two languages" in out
    mixed = tmp_path / "mixed.tmx"
    mixed.write_text(TMX.replace('<tuv xml:lang="fr"><seg>Une', '<tuv xml:lang="en"><seg>Une') + "</body></tmx>\n",
                     encoding="utf-8")
    code, out, _ = cli_run(["tm", "import", str(mixed), "--tm", str(tmp_path / "tm")])
    assert "2 units added" in out and "(1 unit had text in fewer than two languages" in out


@pytest.mark.parametrize("args", [
    ["tm", "import", "/dev/null", "--tm", "{tm}"],  # said "/dev/null: no such file"
    ["tm", "add", "/dev/null", "--tm", "{tm}"],  # said "not JSON: Expecting value"
    ["lookup", "--src", "en", "--queries", "/dev/null", "--tm", "{tm}"],  # printed nothing, exit 0: no queries
    ["glossary", "check", "--glossary", "/dev/null", "{alignment}"],  # "cannot tell the glossary format"
    ["glossary", "check", "--glossary", "{glossary}", "/dev/null"],  # "not JSON"
])
def test_an_input_that_is_not_a_regular_file_is_named_so(small_tm, tmp_path: Path, cli_run, args) -> None:
    """/dev/null (and a FIFO, which would never end) is not a file of units, queries or terms: one line saying so,
    before any TM is created."""
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null on this system")
    alignment = tmp_path / "alignment.json"
    alignment.write_text('{"documents": [], "links": []}', encoding="utf-8")
    glossary = tmp_path / "terms.csv"
    glossary.write_text("en,fr\npeace,paix\n", encoding="utf-8")
    tm = small_tm.directory if args[0] == "lookup" else tmp_path / "new-tm"
    code, out, err = cli_run([a.format(tm=tm, alignment=alignment, glossary=glossary) for a in args])
    assert code == 1 and err.strip() == "tmtool: error: /dev/null: not a regular file", err
    assert out == "" and not (tmp_path / "new-tm").exists()


def test_regular_file_says_what_the_path_is(tmp_path: Path) -> None:
    from tmtool.errors import InputError
    from tmtool.fileio import regular_file

    (tmp_path / "a.tmx").write_text("x", encoding="utf-8")
    assert regular_file(tmp_path / "a.tmx") == tmp_path / "a.tmx"
    for path, message in ((tmp_path / "b.tmx", "no such file"), (tmp_path, "is a directory, not a file")):
        with pytest.raises(InputError, match=message):
            regular_file(path)
