"""``tmtool segment``: text and JSON output, levels, input formats, metadata."""

from __future__ import annotations

import json

TEXT = (
    "A/78/371\n\n"
    "Letter dated 2 October 2023 from the Chair addressed to the President\n\n"
    "1. The committee met twice. Mr. Smith chaired the\n\n\n"
    "meetings held in Geneva.\n\n"
    "2. The report was adopted.\n"
)


def _write(tmp_path, text=TEXT, name="letter.en.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_text_output_is_one_sentence_a_line(tmp_path, cli_run):
    code, out, err = cli_run(["segment", _write(tmp_path)])
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Letter dated 2 October 2023 from the Chair addressed to the President",
        "1. The committee met twice.",
        "Mr. Smith chaired the meetings held in Geneva.",
        "2. The report was adopted.",
    ]


def test_paragraph_level(tmp_path, cli_run):
    code, out, _ = cli_run(["segment", _write(tmp_path), "--level", "paragraph"])
    assert code == 0
    assert out.splitlines()[1] == "1. The committee met twice. Mr. Smith chaired the meetings held in Geneva."
    assert len(out.splitlines()) == 3


def test_json_sentences(tmp_path, cli_run):
    code, out, _ = cli_run(["segment", _write(tmp_path), "--format", "json"])
    assert code == 0
    records = json.loads(out)
    assert [(r["paragraph"], r["sentence"], r["kind"]) for r in records] == [
        (0, 0, "heading"), (1, 0, "body"), (1, 1, "body"), (2, 0, "body")]
    assert records[2]["text"] == "Mr. Smith chaired the meetings held in Geneva."


def test_json_paragraphs_have_no_sentence_index(tmp_path, cli_run):
    code, out, _ = cli_run(["segment", _write(tmp_path), "--format", "json", "--level", "paragraph"])
    records = json.loads(out)
    assert code == 0 and [r["paragraph"] for r in records] == [0, 1, 2]
    assert all("sentence" not in r for r in records)


def test_metadata(tmp_path, cli_run):
    code, out, _ = cli_run(["segment", _write(tmp_path), "--metadata"])
    metadata = json.loads(out)
    assert code == 0
    assert metadata["lang"] == "en" and metadata["symbols"] == ["A/78/371"]
    assert metadata["title"].startswith("Letter dated 2 October 2023")


def test_lines_input_format_and_lang(tmp_path, cli_run):
    path = _write(tmp_path, "Первая строка. Вторая.\nТретья строка\n", name="segments.dat")
    code, out, _ = cli_run(["segment", path, "--input-format", "lines", "--lang", "ru", "--level", "paragraph"])
    assert (code, out.splitlines()) == (0, ["Первая строка. Вторая.", "Третья строка"])
    # the user's segments are never re-split, at sentence level (the default) either
    code, out, _ = cli_run(["segment", path, "--input-format", "lines", "--lang", "ru"])
    assert (code, out.splitlines()) == (0, ["Первая строка. Вторая.", "Третья строка"])


def test_lines_keep_blank_lines_so_segment_n_is_line_n(tmp_path, cli_run):
    path = _write(tmp_path, "One. Two.\n\nThree.\n", name="segments.txt")
    code, out, _ = cli_run(["segment", path, "--input-format", "lines", "--lang", "en"])
    assert (code, out.splitlines()) == (0, ["One. Two.", "", "Three."])
    code, out, _ = cli_run(["segment", path, "--input-format", "lines", "--lang", "en", "--format", "json"])
    assert [(r["paragraph"], r["sentence"], r["text"]) for r in json.loads(out)] == [
        (0, 0, "One. Two."), (1, 0, ""), (2, 0, "Three.")]


def test_control_characters_are_removed(tmp_path, cli_run):
    path = _write(tmp_path, "The committee\x01 met in Geneva. It\x02 adopted the report.\n", name="c.en.txt")
    code, out, _ = cli_run(["segment", path])
    assert (code, out.splitlines()) == (0, ["The committee met in Geneva.", "It adopted the report."])


def test_chinese_sentences(tmp_path, cli_run):
    path = _write(tmp_path, "委员会举行了两次会议。报告获得通过！\n", name="letter.zh.txt")
    code, out, _ = cli_run(["segment", path])
    assert (code, out.splitlines()) == (0, ["委员会举行了两次会议。", "报告获得通过！"])


def test_seed(seed, cli_run):
    code, out, _ = cli_run(["segment", seed, "--level", "paragraph", "--format", "json"])
    records = json.loads(out)
    assert code == 0
    assert sum(r["kind"] == "body" for r in records) == 12
    assert not any(r["text"].startswith("night of") for r in records)


def test_bad_option_values(tmp_path, cli_run):
    path = _write(tmp_path)
    code, _, err = cli_run(["segment", path, "--level", "word"])
    assert code == 2 and "word" in err
    code, _, err = cli_run(["segment", path, "--lang", "not a tag!"])
    assert code == 2 and "not a language tag" in err and "Traceback" not in err


def test_help(cli_run):
    code, out, _ = cli_run(["segment", "--help"])
    assert code == 0
    for option in ("--lang", "--level", "--format", "--input-format", "--metadata"):
        assert option in out
    assert "never re-split" in " ".join(out.split())  # --input-format lines: said in --help
