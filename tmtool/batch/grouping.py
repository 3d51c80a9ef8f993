"""Group input files into document sets: one set = the language versions of one document.

Three ways, tried in this order by :func:`discover_sets`:

* a **manifest** (INPUT is a ``.csv`` or ``.jsonl`` file): one set a row, see :func:`read_manifest`;
* a **pattern** given by the user (``{set}``, ``{lang}``, ``*``), see :func:`compile_pattern`;
* the **UN file-naming conventions** on a folder, see :func:`group_by_convention`:

  - a language suffix after ``-``, ``_`` or ``.`` at the end of the file stem: ``A_78_371-EN.docx``,
    ``letter.fr.txt``, ``X_ar.txt`` (any ISO 639-1 code known to CLDR, any case), a three-letter code of a UN
    language (``udhr_eng.txt``, ``udhr_arb.txt``, ``udhr_cmn_hans.txt``: a script subtag may follow), or the UN
    one-letter document codes in upper case ``A C E F R S`` (Arabic, Chinese, English, French, Russian,
    Spanish): ``N2326548_E.txt``; after a two- or three-letter code, a region subtag (``letter.zh-CN.txt``,
    ``report.pt-BR.docx``, ``A_78_371-ZH-CN.docx``) when CLDR has a locale of that language and region;
  - language folders: ``INPUT/en/report.txt`` + ``INPUT/fr/report.txt`` (every top-level folder a language;
    files beside the folders, such as a README, go through the suffix rules).

The set name is the file's folder relative to INPUT plus the stem without its language part, with ``/``
between folders: ``2015/A_69_817``. A set with two files for one language (``en``, ``en-GB``, ``en-US`` are
one language: the versions of a set are aligned with each other) carries a ``problem`` and fails at run time; files matching no rule are returned in ``unmatched``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from ..errors import FormatError, InputError, UsageError, shown
from ..fileio import csv_rows, regular_file
from ..languages import UN_LANGUAGES, base, normalise_tag, two_letter_code

__all__ = [
    "is_scratch_file",
    "UN_LETTER_CODES",
    "DocumentSet",
    "Grouping",
    "is_language_code",
    "split_language_suffix",
    "group_by_convention",
    "group_by_pattern",
    "compile_pattern",
    "read_manifest",
    "discover_sets",
    "check_set_name",
]

#: UN one-letter language codes of document versions (ODS, job numbers): upper case only.
UN_LETTER_CODES: dict[str, str] = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}

_SUFFIX_RE = re.compile(r"^(?P<set>.+?)[-_.](?P<lang>[A-Za-z]{2,3}|[ACEFRS])(?:[-_](?P<script>[A-Za-z]{4}))?$")
_REGION_SUFFIX_RE = re.compile(
    r"^(?P<set>.+?)[-_.](?P<lang>[A-Za-z]{2,3})(?:[-_](?P<script>[A-Za-z]{4}))?[-_](?P<region>[A-Za-z]{2}|[0-9]{3})$"
)
_MANIFEST_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True)
class DocumentSet:
    """The language versions of one document: ``files`` is ``((lang, path), ...)`` sorted by language.

    ``problem`` is set when grouping already knows the set cannot be aligned (it is then logged as failed).
    """

    name: str
    files: tuple[tuple[str, str], ...]
    problem: str | None = None

    @property
    def langs(self) -> list[str]:
        return [lang for lang, _ in self.files]


@dataclass
class Grouping:
    """The result of grouping: the sets (sorted by name) and the files no rule matched."""

    sets: list[DocumentSet]
    unmatched: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _cldr_codes() -> frozenset[str]:
    from babel import Locale  # CLDR language names: the list of real ISO 639 codes

    return frozenset(code for code in Locale("en").languages if code.isalpha() and len(code) == 2)


@lru_cache(maxsize=1)
def _cldr_scripts() -> frozenset[str]:
    from babel import Locale  # ISO 15924 script codes CLDR names: Hans, Hant, Latn, Cyrl, Arab...

    return frozenset(Locale("en").scripts)


@lru_cache(maxsize=1)
def _cldr_locale_regions() -> frozenset[tuple[str, str]]:
    """The (language, region) pairs of CLDR's locales (``zh_Hans_CN`` gives ``("zh", "CN")``): a region subtag
    in a file name is read only for a locale CLDR has, so ``how_to_do`` (Tongan, Dominican Republic) is none."""
    from babel.localedata import locale_identifiers

    pairs = set()
    for ident in locale_identifiers():
        parts = ident.split("_")
        if len(parts) >= 2 and (parts[-1].isupper() or parts[-1].isdigit()):
            pairs.add((parts[0], parts[-1]))
    return frozenset(pairs)


def is_language_code(code: str) -> bool:
    """True for a two-letter ISO 639-1 code known to CLDR (any case)."""
    return len(code) == 2 and code.lower() in _cldr_codes()


def _suffix_language(code: str, script: str | None) -> str | None:
    """The normalised tag of a file name's language suffix (``code`` and an optional script), or ``None``."""
    if len(code) == 1:
        lang = UN_LETTER_CODES[code]
    elif len(code) == 3:  # ISO 639-2/639-3 as corpora name files (udhr_eng.txt, udhr_cmn_hans.txt): only the UN
        lang = two_letter_code(code.lower())  # languages' codes (arb, eng, fre...), as many others are words (cat)
        lang = lang if lang in UN_LANGUAGES else None
    else:
        lang = code.lower() if is_language_code(code) else None
    if lang is None or script is not None and script.title() not in _cldr_scripts():
        return None
    return f"{lang}-{script.title()}" if script else lang


def split_language_suffix(stem: str) -> tuple[str, str] | None:
    """``"A_78_371-EN" -> ("A_78_371", "en")``, ``"N2326548_E" -> ("N2326548", "en")``,
    ``"report.pt-BR" -> ("report", "pt-BR")``, ``"A_78_371-ZH-CN" -> ("A_78_371", "zh-CN")``; ``None`` if no suffix.

    A region subtag is read after a two- or three-letter code when CLDR has a locale of that language and region
    (any case: ``letter.zh-cn``, ``ZH-CN``), unless the region is also a language code written otherwise than a
    tag writes it (``A_ES-AR``, ``A_ES-ar``: the set ``A_ES`` in Arabic; ``pt-BR``, ``es-AR`` are tags); otherwise the name is read as it was without region rule (``how_to_be``:
    Belarusian, set ``how_to``)."""
    m = _REGION_SUFFIX_RE.match(stem)
    if m:
        lang = _suffix_language(m.group("lang"), m.group("script"))
        region = m.group("region").upper()
        # "A_ES-AR", "A_ES-ar": a set named A_ES in Arabic, not es-AR; a region that is also a language code is one
        # only in a tag's own casing (pt-BR, es-AR; "PT-BR" reads as Breton)
        written = m.group("lang").islower() and not m.group("region").islower()
        if (lang is not None and (base(lang), region) in _cldr_locale_regions()
                and (written or not is_language_code(m.group("region")))):
            return m.group("set"), f"{lang}-{region}"
    m = _SUFFIX_RE.match(stem)
    if not m:
        return None
    lang = _suffix_language(m.group("lang"), m.group("script"))
    return (m.group("set"), lang) if lang is not None else None


def check_set_name(name: str) -> str | None:
    """Why ``name`` cannot be a set name (it becomes a folder under ``OUTDIR/alignments``), or ``None``."""
    if not name or name.startswith("/") or "\\" in name or "\0" in name:
        return f"set name {name!r} is not a relative path"
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return f"set name {name!r} has an empty, '.' or '..' part"
    if any(p in ("alignment.json", "done.json") for p in parts):
        return f"set name {name!r} uses a reserved file name"
    return None


def _files(folder: Path, exclude: Path | None = None) -> list[PurePosixPath]:
    """Every regular, non-hidden file under ``folder`` (not under ``exclude``), as relative POSIX paths, sorted."""
    out = []
    skip = exclude.resolve() if exclude is not None else None
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        out.append(PurePosixPath(rel.as_posix()))
    return sorted(out)


def _build(folder: Path, members: dict[str, list[tuple[str, str]]], unmatched: list[str]) -> Grouping:
    sets = []
    for name in sorted(members):
        # one language, whatever its region or script (zh-CN and zh-TW): the versions are aligned with each other
        by_lang: dict[str, list[tuple[str, str]]] = {}
        for lang, rel in members[name]:
            by_lang.setdefault(base(lang), []).append((rel, lang))
        problem = check_set_name(name)
        dupes = {lang: sorted(found) for lang, found in by_lang.items() if len(found) > 1}
        if dupes:
            lang, found = sorted(dupes.items())[0]
            problem = f"{len(found)} files for language {lang}: {', '.join(rel for rel, _ in found)}"
        elif len(by_lang) < 2 and problem is None:
            only = next(iter(by_lang.values()))[0][1]
            problem = f"only one language version ({only}): nothing to align"
        files = tuple(sorted((lang, str(folder / rel)) for rel, lang in (min(found) for found in by_lang.values())))
        sets.append(DocumentSet(name, files, problem))
    return Grouping(sets, sorted(unmatched))


def group_by_convention(
    folder: str | Path, files: Iterable[str] | None = None, *, exclude: Path | None = None
) -> Grouping:
    """Group the files of ``folder`` (or the given relative ``files``) by UN naming conventions."""
    folder = Path(folder)
    rels = [PurePosixPath(f) for f in files] if files is not None else _files(folder, exclude)
    tops = {r.parts[0] for r in rels if len(r.parts) > 1}
    # loose files beside the language folders (a README) go through the suffix rules below
    lang_folders = len(tops) >= 2 and all(is_language_code(t) for t in tops)
    members: dict[str, list[tuple[str, str]]] = {}
    names: dict[str, str] = {}  # a set's name by its case-folded form: A_78_371-EN and a_78_371-FR are one set
    unmatched: list[str] = []
    for rel in rels:
        if is_scratch_file(rel.name):
            unmatched.append(str(rel))
            continue
        if lang_folders and len(rel.parts) > 1:
            lang = rel.parts[0].lower()
            name = str(PurePosixPath(*rel.parts[1:]).with_suffix(""))
        else:
            split = split_language_suffix(rel.stem if rel.suffix else rel.name)
            if split is None:
                unmatched.append(str(rel))
                continue
            stem, lang = split
            name = str(rel.parent / stem) if rel.parent != PurePosixPath(".") else stem
        key = name.casefold()
        names[key] = min(names.get(key, name), name)  # the same spelling whatever the files' order
        members.setdefault(key, []).append((lang, str(rel)))
    return _build(folder, {names[key]: files for key, files in members.items()}, unmatched)


def is_scratch_file(name: str) -> bool:
    """Whether a file name is an editor's scratch file, never a document: Word's and Excel's owner file of an
    open document (``~$78_371-EN.docx``), an editor's backup (``letter.en.txt~``)."""
    return name.startswith("~$") or name.endswith("~")


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Turn a user pattern into a regular expression over paths relative to INPUT (``/`` between folders).

    ``{set}`` = one or more characters (may cross folders), ``{lang}`` = a language tag (``en``, ``EN``,
    ``zh-Hans``, or a UN one-letter code ``E``), ``*`` = any characters inside one folder, ``?`` = one such
    character; everything else is literal. ``{set}`` and ``{lang}`` must each appear exactly once.
    """
    if pattern.count("{set}") != 1 or pattern.count("{lang}") != 1:
        raise UsageError(f"--pattern {pattern!r}: needs exactly one {{set}} and one {{lang}}")
    out = []
    for token in re.split(r"(\{set\}|\{lang\}|\*|\?)", pattern):
        if token == "{set}":
            out.append(r"(?P<set>.+?)")
        elif token == "{lang}":
            out.append(r"(?P<lang>[A-Za-z]{1,3}(?:[-_][A-Za-z0-9]{2,8})*?)")
        elif token == "*":
            out.append(r"[^/]*")
        elif token == "?":
            out.append(r"[^/]")
        else:
            out.append(re.escape(token))
    return re.compile("".join(out))


def _pattern_lang(code: str) -> str | None:
    if len(code) == 1:
        return UN_LETTER_CODES.get(code)
    try:
        return normalise_tag(code)
    except UsageError:
        return None


def group_by_pattern(
    folder: str | Path, pattern: str, files: Iterable[str] | None = None, *, exclude: Path | None = None
) -> Grouping:
    """Group the files of ``folder`` (or the given relative ``files``) with a user pattern (:func:`compile_pattern`)."""
    folder = Path(folder)
    regex = compile_pattern(pattern)
    rels = [str(PurePosixPath(f)) for f in files] if files is not None else [str(r) for r in _files(folder, exclude)]
    members: dict[str, list[tuple[str, str]]] = {}
    unmatched = []
    for rel in rels:
        m = regex.fullmatch(rel)
        lang = _pattern_lang(m.group("lang")) if m else None
        if m is None or lang is None or is_scratch_file(PurePosixPath(rel).name):
            unmatched.append(rel)
            continue
        members.setdefault(m.group("set"), []).append((lang, rel))
    return _build(folder, members, unmatched)


def _manifest_rows(path: Path, kind: str) -> Iterable[tuple[int, dict]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read manifest: {exc.strerror}", path) from None
    except UnicodeDecodeError:
        raise FormatError("manifest is not UTF-8", path) from None
    if kind == "csv":
        rows = (row for row in csv_rows(text, path) if row[1])  # blank lines skipped
        header = next(rows, (1, []))[1]
        if "set" not in header:
            raise FormatError("CSV manifest needs a header row with a 'set' column and one column per language", path, 1)
        for line, cells in rows:
            yield line, dict(zip(header, cells))
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(f"not JSON: {exc.msg}", path, n, exc.colno) from None
        if not isinstance(row, dict):
            raise FormatError("each line must be a JSON object", path, n)
        files = row.get("files", {})
        if not isinstance(files, dict):
            raise FormatError("'files' must be an object {lang: path}", path, n)
        flat = {k: v for k, v in row.items() if k != "files"}
        yield n, {**flat, **files}


def read_manifest(path: str | Path) -> Grouping:
    """Read a manifest: one set a row, paths relative to the manifest's folder.

    CSV: a header ``set,en,fr,...``; an empty cell = no version in that language.
    JSONL: ``{"set": "A/78/371", "files": {"en": "a-en.docx", "fr": "a-fr.docx"}}`` (or the languages as
    top-level keys like the CSV columns).
    """
    path = Path(path)
    kind = _MANIFEST_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"{path}: a manifest must end in .csv or .jsonl")
    base_dir = path.parent
    members: dict[str, list[tuple[str, str]]] = {}
    for line, row in _manifest_rows(path, kind):
        name = str(row.get("set") or "").strip()
        if not name:
            raise FormatError("row without a set name", path, line)
        if name in members:
            raise FormatError(f"set {name!r} listed twice", path, line)
        entries = []
        for key, value in row.items():
            if key == "set" or key is None or value in (None, ""):
                continue
            try:
                lang = normalise_tag(str(key))
            except UsageError:
                raise FormatError(f"column {shown(key)} is not a language tag", path, line) from None
            if not isinstance(value, str):
                raise FormatError(f"{key}: file path must be a string", path, line)
            entries.append((lang, value))
        members[name] = entries
    grouping = _build(base_dir, {k: v for k, v in members.items() if v}, [])
    for name in sorted(k for k, v in members.items() if not v):
        grouping.sets.append(DocumentSet(name, (), "no language files listed"))
    grouping.sets.sort(key=lambda s: s.name)
    return grouping


def discover_sets(input_path: str | Path, pattern: str | None = None, *, exclude: Path | None = None) -> Grouping:
    """Group INPUT (a folder or a manifest file) into document sets; files under ``exclude`` are ignored."""
    p = Path(input_path)
    if p.exists() and not p.is_dir():
        regular_file(p)  # a FIFO: 'not a regular file', where it was 'no such file or folder'
    if p.is_file():
        if pattern:
            raise UsageError("--pattern applies to a folder, not to a manifest")
        return read_manifest(p)
    if not p.is_dir():
        raise InputError("no such file or folder", p)
    if pattern:
        return group_by_pattern(p, pattern, exclude=exclude)
    return group_by_convention(p, exclude=exclude)

