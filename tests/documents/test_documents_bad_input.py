"""Bad input: one-line errors naming the file, for the library and through the CLI."""

from __future__ import annotations

import pytest

from tmtool.documents import read_document
from tmtool.errors import EncodingError, FormatError, InputError, LanguageError

TEXT = "The committee met twice during the period and adopted its report without a vote.\n"


def _bad_files(tmp_path):
    cases = {
        "empty.txt": (b"", InputError, "empty"),
        "blank.txt": (b"  \n\n \t\n", InputError, "empty"),
        "binary.txt": (bytes(range(256)) * 4, EncodingError, "binary data, not a text document (a .docx or .pdf file is read as one by its extension)"),
        "latin1.txt": ("Le comité a adopté le rapport à l'unanimité.".encode("latin-1"), EncodingError, "not UTF-8"),
        "utf16-nobom.txt": (TEXT.encode("utf-16-le"), EncodingError, "looks like UTF-16 without a byte-order mark"),
        "unknown.xyz": (TEXT.encode(), InputError, "unknown file type '.xyz'"),
        "noext": (TEXT.encode(), InputError, "unknown file type"),
        "fake.docx": (TEXT.encode(), FormatError, "not a .docx"),
        "fake.pdf": (TEXT.encode(), FormatError, "not a PDF"),
        "wrong-lang.txt": (TEXT.encode(), LanguageError, "not in 'ru'"),
        "binary.html": (bytes(range(256)) * 4, EncodingError, "binary"),
        "empty.html": (b"", FormatError, "not readable HTML"),
        "empty.docx": (b"", FormatError, "not a .docx"),
        "scripts-only.html": (b"<html><body><script>x()</script></body></html>", InputError, "empty"),
    }
    out = []
    for name, (data, error, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        out.append((path, error, message))
    return out


CASE_NAMES = ["empty.txt", "blank.txt", "binary.txt", "latin1.txt", "utf16-nobom.txt", "unknown.xyz", "noext",
              "fake.docx", "fake.pdf", "wrong-lang.txt", "binary.html", "empty.html", "empty.docx",
              "scripts-only.html"]


@pytest.mark.parametrize("index", range(len(CASE_NAMES)), ids=CASE_NAMES)
def test_library_raises_input_error_naming_the_file(tmp_path, index):
    path, error, message = _bad_files(tmp_path)[index]
    lang = "ru" if path.name == "wrong-lang.txt" else None
    with pytest.raises(error) as info:
        read_document(path, lang=lang)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("index", range(len(CASE_NAMES)), ids=CASE_NAMES)
def test_cli_prints_one_line_and_exits_non_zero(tmp_path, cli_run, index):
    path, _, message = _bad_files(tmp_path)[index]
    args = ["segment", str(path)] + (["--lang", "ru"] if path.name == "wrong-lang.txt" else [])
    code, out, err = cli_run(args)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"tmtool: error: {path}:")
    assert message in err
    assert "Traceback" not in err


def test_latin1_error_gives_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(TEXT.encode() + "Deuxième ligne.\n".encode("latin-1"))
    with pytest.raises(EncodingError) as info:
        read_document(path)
    assert info.value.line == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes(("Le comité s'est réuni deux fois et a adopté son rapport sans vote.\n").encode(encoding))
    document = read_document(path)
    assert document.lang == "fr"
    assert document.texts == ["Le comité s'est réuni deux fois et a adopté son rapport sans vote."]


def test_missing_file_and_directory(tmp_path, cli_run):
    code, _, err = cli_run(["segment", str(tmp_path / "missing.txt")])
    assert code == 1 and "no such file" in err
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    code, _, err = cli_run(["segment", str(folder)])
    assert code != 0 and "Traceback" not in err


def test_input_format_overrides_the_extension(tmp_path):
    path = tmp_path / "report.data"
    path.write_text(TEXT, encoding="utf-8")
    assert read_document(path, input_format="text").texts == [TEXT.strip()]
