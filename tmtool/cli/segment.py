"""``tmtool segment``: print the paragraphs or sentences of one document."""

from __future__ import annotations

import json

import click

__all__ = ["segment"]

_FORMATS = ("auto", "text", "markdown", "docx", "html", "pdf", "lines")


@click.command("segment")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--lang", metavar="LANG", help="Language of the document (default: from the file name or the text).")
@click.option("--level", type=click.Choice(["paragraph", "sentence"]), default="sentence", show_default=True,
              help="Print paragraphs or sentences. With --input-format lines each line is one segment at either "
                   "level: lines are never re-split.")
@click.option("--format", "out_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one segment a line; json: a list of {text, paragraph, sentence, kind}.")
@click.option("--input-format", type=click.Choice(_FORMATS), default="auto", show_default=True,
              help="How to read FILE (auto: from its extension; lines: one segment a line exactly as given, no "
                   "repair, no sentence splitting, blank lines kept as empty segments so segment n is line n).")
@click.option("--metadata", "show_metadata", is_flag=True,
              help="Print the parsed document metadata (symbols, date, agenda items, title...) as JSON instead.")
def segment(file: str, lang: str | None, level: str, out_format: str, input_format: str, show_metadata: bool) -> None:
    """Read FILE, repair its conversion damage and print its segments.

    FILE is plain text or Markdown from a PDF converter, .docx, .html, .pdf, or one segment a line
    (--input-format lines: printed as given, blank lines included, never re-split).
    """
    from ..documents import read_document
    from ..segment import split_sentences

    document = read_document(file, lang=lang, input_format=input_format)
    if show_metadata:
        click.echo(json.dumps({"path": document.path, "lang": document.lang, **document.metadata},
                              ensure_ascii=False, indent=2))
        return
    records: list[dict[str, object]] = []
    presegmented = document.metadata.get("format") == "lines"  # the user's segments: never re-split
    for p_index, paragraph in enumerate(document.paragraphs):
        if presegmented and level == "sentence":
            records.append({"text": paragraph.text, "paragraph": p_index, "sentence": 0, "kind": paragraph.kind})
            continue
        if level == "paragraph":
            records.append({"text": paragraph.text, "paragraph": p_index, "kind": paragraph.kind})
            continue
        for s_index, sentence in enumerate(split_sentences(paragraph.text, document.lang)):
            records.append({"text": sentence, "paragraph": p_index, "sentence": s_index, "kind": paragraph.kind})
    if out_format == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for record in records:
            click.echo(record["text"])
