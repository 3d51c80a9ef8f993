"""The on-disk translation memory: append-only Parquet parts plus an atomically replaced manifest.

Layout of a TM directory::

    manifest.json          {"format": "tmtool-tm", "version": 1, "generation": 7,
                            "parts": [{"name": "part-...parquet", "rows": 1200, "bytes": 81234, "created": "..."}]}
    parts/part-<time>-<pid>-<random>.parquet
    lock                   fcntl lock taken only while the manifest is replaced
    index/<fingerprint>/   lookup index (see :mod:`tmtool.tm.index`), rebuilt when the parts change

A part holds one row per added unit occurrence, one column per language (wide table, see docs/tm.md):
``key`` (UInt64 content hash of the (language, text) pairs), ``text:<lang>``, optional ``markup:<lang>``,
``srclang``, ``count``, ``origins`` and ``documents`` (lists), ``props`` (JSON) and ``created``.
A write is: part file written to a temp name, fsynced, renamed; then, under the lock, the manifest is re-read,
extended and atomically replaced. Only parts named in the manifest exist for readers, so a write killed at
any point leaves every earlier unit readable. Duplicates are merged when read (and for good by
:meth:`TMStore.compact`): same ``key`` -> one unit, counts summed, origins and documents united.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError, UsageError, shown
from ..fileio import atomic_write, atomic_write_text, parquet_bytes, write_failure
from ..languages import base
from ..tmx.model import TranslationUnit, Variant
from .holds import hold, held
from .intake import ATTR, JOIN, LINK_LANGS, NOTE, unit_rows
from .intake import tag_of as _tag
from .repair import part_files, part_problem
from .rows import MARKUP, TEXT, PartRows, merge_aggs, merged_units, unit_key

if TYPE_CHECKING:
    import polars as pl

    from ..align.model import Alignment

__all__ = ["TMStore", "FORMAT", "VERSION", "ADD_STATUSES", "unit_key", "text_column", "markup_column",
           "lang_of_column", "select_tags"]

FORMAT = "tmtool-tm"
VERSION = 1
# what a damaged manifest's error adds: repair refuses to write over a manifest, so it has to be moved first
_REBUILD = "; if the parts are sound, move manifest.json away and run 'tmtool tm repair --rebuild-manifest'"
CHUNK = 100_000
LOCK_TIMEOUT = 300.0
REPAIR = "'tmtool tm compact --drop-broken' keeps the units of the other parts"
Progress = Callable[[int], None]
Retraction = tuple[str, str]  # ("origin", name) or ("document", symbol)
ADD_STATUSES = ("all", "reviewed")
REVIEWED = frozenset({"confirmed", "edited"})  # as the TMX exporter counts reviewed links


def _owner_series(frame):
    """Who added each row of a part frame: its ``owner`` (the origin of the add); for parts written before
    owners were recorded, the last of its ``origins`` (the one that add appended)."""
    import polars as pl

    legacy = frame.select(pl.col("origins").list.last()).to_series() if "origins" in frame.columns else None
    if "owner" in frame.columns:
        owner = frame["owner"]
        return owner if legacy is None else owner.fill_null(legacy)
    return legacy if legacy is not None else pl.Series("owner", [None] * frame.height, dtype=pl.String)


def text_column(lang: str) -> str:
    return TEXT + lang


def markup_column(lang: str) -> str:
    return MARKUP + lang


def lang_of_column(column: str) -> str | None:
    return column[len(TEXT) :] if column.startswith(TEXT) else None


def select_tags(lang: str, present: Iterable[str]) -> list[str]:
    """Tags of ``present`` that ``lang`` selects: a bare language (``en``) selects itself and every regional
    or script variant (``en-US``, ``en-GB``), the bare tag first; a tag with a region or script selects
    exactly that tag."""
    tag = _tag(lang)
    if tag == base(tag):
        return sorted({t for t in present if base(t) == tag}, key=lambda t: (t != tag, t))
    return [tag] if tag in set(present) else []


def _link_props(props: list[tuple[str, str]], langs: list[str]) -> list[tuple[str, str]]:
    """``props`` with ``x-link-type`` recomputed for the exported languages ``langs`` (from the per-language
    counts and the aligned languages recorded at ``tm add``), or dropped when that cannot be done."""
    aligned = next((v.split(",") for t, v in props if t == LINK_LANGS), None)
    out = []
    for typ, val in props:
        if typ == LINK_LANGS:
            continue
        if typ == "x-link-type":
            counts = dict(zip(aligned, val.split("-"))) if aligned and len(aligned) == val.count("-") + 1 else {}
            if not all(lang in counts for lang in langs):
                continue  # no way to tell the link type over these languages
            val = "-".join(counts[lang] for lang in langs)
        out.append((typ, val))
    return out


def _empty_manifest() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "generation": 0, "created": _now(), "parts": []}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


class TMStore:
    """A translation memory directory. Open with :meth:`open`; safe for several writing processes."""

    def __init__(self, directory: Path) -> None:
        self._lazy = False  # opened with lazy=True and not written yet: an empty manifest in memory
        self.skipped = 0  # units the last add_units call left out (text in fewer than two languages)
        self.replaced = 0  # unit occurrences the last replacing add retracted (its origin's earlier add)
        self.alternatives = 0  # units the last add_units call split, one row per alternative in a language
        self.kept = False  # the last replacing add_units added nothing and so kept its origin's earlier units
        self._holds = threading.local()  # .fds: parts this thread wrote and has not committed, held open (holds.py)
        self.directory = directory
        self.parts_dir = directory / "parts"
        self.manifest_path = directory / "manifest.json"
        self.lock_path = directory / "lock"

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, directory: str | os.PathLike[str], create: bool = True, lazy: bool = False) -> TMStore:
        """Open the TM at ``directory``; create an empty one there if ``create`` and it does not exist.

        With ``lazy``, a new TM is only written to disk by its first commit: a write that fails before
        it (a broken file imported into a new folder) leaves nothing behind."""
        d = Path(directory)
        store = cls(d)
        if store.manifest_path.exists():
            store.manifest()  # fail early on a corrupt manifest
            return store
        leftovers = store._leftover_parts()
        if leftovers:  # never start again over units a lost manifest named: compact would delete them
            raise StoreError(f"{d}: parts/ holds {len(leftovers)} part file(s) but manifest.json is missing: a "
                             f"damaged translation memory; restore manifest.json (from a backup), or write "
                             f"one from the parts with 'tmtool tm repair --rebuild-manifest --tm {d}'")
        if not create:
            if not d.exists():
                raise StoreError(f"{d}: no translation memory here (create one with `tmtool tm import` or `tm add`)")
            raise StoreError(f"{d}: not a tmtool translation memory (no manifest.json)")
        if d.exists() and not d.is_dir():
            raise StoreError(f"{d}: not a directory")
        ours = {"lock", "parts", "index", "manifest.json"}  # (another process may be creating it right now)
        if d.exists() and any(p.name not in ours and not p.name.startswith(".manifest.json.") for p in d.iterdir()):
            raise StoreError(f"{d}: directory is not empty and holds no manifest.json; refusing to use it as a TM")
        if lazy:
            store._lazy = True
            return store
        store._create()
        return store

    def _leftover_parts(self) -> list[Path]:
        """Part files in a folder without a manifest, unless a creator is writing them right now (a lazily
        opened TM writes its first parts before its first manifest; it holds :meth:`_creating` meanwhile)."""
        if not self.parts_dir.is_dir():
            return []
        found = sorted(self.parts_dir.glob("part-*.parquet"))
        if not found:
            return []
        try:
            fd = os.open(self.parts_dir, os.O_RDONLY)
        except OSError:
            return found
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return []  # a creator holds it: its parts, its manifest to come
            try:  # a creator may have committed between our first look and the lock
                return [] if self.manifest_path.exists() else found
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def _creating(self) -> Iterator[None]:
        """While a lazily opened TM writes its first parts: a shared lock on ``parts/`` that tells
        :meth:`_leftover_parts` of other processes these part files are being committed, not left over."""
        if not self._lazy or self.manifest_path.exists():
            yield
            return
        made = [f for f in (self.directory, self.parts_dir) if not f.exists()]
        try:
            self.parts_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.parts_dir, os.O_RDONLY)
        except OSError as exc:
            raise StoreError(f"{self.directory}: cannot create translation memory: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
            yield
        finally:
            os.close(fd)
            if not self.manifest_path.exists():  # nothing committed: take away the (empty) folders made here
                for folder in reversed(made):
                    with contextlib.suppress(OSError):
                        folder.rmdir()

    def _create(self) -> None:
        """Write the directories and the empty manifest of a new TM (no-op when another process did)."""
        try:
            self.parts_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.directory}: cannot create translation memory: {exc.strerror}") from None
        with self.locked():
            if not self.manifest_path.exists():
                self._write_manifest(_empty_manifest())

    @contextlib.contextmanager
    def locked(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the store's exclusive lock (fcntl) for the block; StoreError after ``timeout`` seconds."""
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{self.lock_path}: cannot open lock file: {exc.strerror}") from None
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreError(f"{self.directory}: translation memory is locked by another process") from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def manifest(self) -> dict[str, Any]:
        """The current manifest (a snapshot: parts named in it are complete and readable)."""
        try:
            raw = self.manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if self._lazy:
                return _empty_manifest()
            raise StoreError(f"{self.directory}: no translation memory here (manifest.json missing)") from None
        except UnicodeDecodeError as exc:
            raise StoreError(f"{self.manifest_path}: corrupt manifest: not UTF-8 (byte 0x{exc.object[exc.start]:02x} "
                             f"at offset {exc.start}){_REBUILD}") from None
        except OSError as exc:  # a folder in its place is damage; permission or I/O errors say nothing of the file
            rebuild = _REBUILD if isinstance(exc, IsADirectoryError) else ""
            raise StoreError(f"{self.manifest_path}: cannot read manifest: {exc.strerror or exc}{rebuild}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise StoreError(f"{self.manifest_path}:{exc.lineno}: corrupt manifest: {exc.msg}{_REBUILD}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("parts"), list):
            raise StoreError(f"{self.manifest_path}: corrupt manifest: not a {FORMAT} manifest")
        if data.get("version") != VERSION:
            version = data.get("version")
            raise StoreError(f"{self.manifest_path}: unsupported TM version "
                             f"{shown(version) if isinstance(version, str) else repr(version)[:40]}")
        for p in data["parts"]:
            if not isinstance(p, dict) or not isinstance(p.get("name"), str) or "/" in p["name"]:
                raise StoreError(f"{self.manifest_path}: corrupt manifest: bad part entry {shown(p)}{_REBUILD}")
        return data

    def _write_manifest(self, data: dict[str, Any]) -> None:
        atomic_write_text(self.manifest_path, json.dumps(data, indent=1) + "\n")

    def part_paths(self, manifest: dict[str, Any] | None = None) -> list[Path]:
        m = manifest if manifest is not None else self.manifest()
        return [self.parts_dir / p["name"] for p in m["parts"]]

    def fingerprint(self, manifest: dict[str, Any] | None = None) -> str:
        """A short hash of the committed parts: changes whenever units are added or compacted."""
        m = manifest if manifest is not None else self.manifest()
        names = "\n".join(sorted(p["name"] for p in m["parts"]))
        return hashlib.sha1(names.encode()).hexdigest()[:16]

    # ----------------------------------------------------------------- writing
    def _write_part(self, frame) -> dict[str, Any]:
        name = f"part-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{secrets.token_hex(6)}.parquet"
        path = self.parts_dir / name
        try:
            self.parts_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.directory}: cannot create translation memory: {exc.strerror}") from None
        data = parquet_bytes(frame, compression="zstd", statistics=False)
        try:
            with atomic_write(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:  # a full disk, a file size limit, a read-only folder
            why = write_failure(exc)
            if why is None:
                raise
            raise StoreError(f"{self.directory}: cannot write a part of the translation memory ({why}); it is left "
                             f"as it was") from None
        fd = hold(path)  # until the commit: no orphan for remove_orphans, though no manifest names it yet
        if fd is not None:
            self._held().append(fd)
        owners = sorted(o for o in _owner_series(frame).unique().to_list() if o)
        return {"name": name, "rows": frame.height, "bytes": path.stat().st_size, "created": _now(),
                "owners": owners}

    def _held(self) -> list[int]:
        if not hasattr(self._holds, "fds"):
            self._holds.fds = []
        return self._holds.fds

    def _release(self) -> None:
        """End the holds on the parts this thread wrote (:mod:`tmtool.tm.holds`): committed, or deleted."""
        held = self._held()
        while held:
            os.close(held.pop())

    def _commit(self, entries: list[dict[str, Any]], remove: AbstractSet[str] = frozenset(),
                retract: Retraction | None = None, require: bool = False) -> int:
        """Add part ``entries`` (and drop parts named in ``remove``) in one atomic manifest replacement.

        ``retract`` (an origin or a document) first takes that contribution out of the parts already
        committed, in the same replacement: each part holding it is rewritten without it under a new name.
        With ``require``, every part of ``remove`` must still be committed (else StoreError: a concurrent
        retraction changed them). Returns the number of unit occurrences retracted."""
        if self._lazy:
            self._create()
            self._lazy = False
        rewritten: list[dict[str, Any]] = []
        try:
            with self.locked():
                m = self.manifest()
                # a part missing: a commit on a damaged TM would hide the damage until the next read
                part_files(self, {"parts": [p for p in m["parts"] if p["name"] not in remove]})
                names = {p["name"] for p in m["parts"]}
                if require and not remove <= names:
                    raise StoreError(f"{self.directory}: parts changed while compacting (a retraction); try again")
                dropped: set[str] = set()
                retracted = 0
                if retract is not None:
                    dropped, rewritten, retracted = self._retract(m, retract)
                m["parts"] = [p for p in m["parts"] if p["name"] not in remove | dropped] + rewritten + entries
                m["generation"] = int(m.get("generation", 0)) + 1
                self._write_manifest(m)
        except BaseException:
            self._discard(rewritten)
            raise
        finally:
            self._release()
        for name in dropped:  # no longer named by the manifest: readers of the old one retry (see units())
            with contextlib.suppress(OSError):
                (self.parts_dir / name).unlink()
        return retracted

    def _retract(self, manifest: dict[str, Any], what: Retraction) -> tuple[set[str], list[dict[str, Any]], int]:
        """Parts of ``manifest`` holding ``what`` rewritten without it: (names dropped, new entries, occurrences
        retracted). An origin is found from the manifest's ``owners`` lists (parts written before they
        existed are scanned); a document needs a scan of every part."""
        import polars as pl

        kind, value = what
        dropped: set[str] = set()
        rewritten: list[dict[str, Any]] = []
        retracted = 0
        for entry in manifest["parts"]:
            if kind == "origin" and "owners" in entry and value not in entry["owners"]:
                continue
            path = self.parts_dir / entry["name"]
            try:
                frame = pl.read_parquet(path)
            except (OSError, pl.exceptions.PolarsError) as exc:
                raise StoreError(f"{path}: cannot read part: {str(exc).splitlines()[0] if str(exc) else exc}") from None
            if kind == "origin":
                hit = (_owner_series(frame) == value).fill_null(False)
            else:
                hit = frame["documents"].list.contains(value).fill_null(False)
            n = int(hit.sum())
            if not n:
                continue
            retracted += int(frame.filter(hit)["count"].sum())
            dropped.add(entry["name"])
            rest = frame.filter(~hit)
            if rest.height:
                if "owner" not in rest.columns:  # a part written before owners: keep who owns each row
                    rest = rest.with_columns(_owner_series(rest).alias("owner"))
                rewritten.append(self._write_part(rest))
        return dropped, rewritten, retracted

    def origins(self) -> list[str]:
        """The origins whose contributions the TM holds (what ``remove`` and a replacing add act on)."""
        import polars as pl

        found: set[str] = set()
        for entry in self.manifest()["parts"]:
            if "owners" in entry:
                found.update(entry["owners"])
            else:
                frame = pl.read_parquet(self.parts_dir / entry["name"])
                found.update(o for o in _owner_series(frame).unique().to_list() if o)
        return sorted(found)

    def remove(self, origin: str | None = None, document: str | None = None) -> int:
        """Take out every unit occurrence added with ``origin`` (or of ``document``, a symbol) in one commit;
        return how many occurrences were removed (0: nothing matched, nothing written)."""
        if (origin is None) == (document is None):
            raise UsageError("remove by origin or by document, one of them")
        if self._lazy and not self.manifest_path.exists():
            return 0
        what: Retraction = ("origin", origin) if origin is not None else ("document", str(document))
        return self._commit([], retract=what)

    def add_units(self, units: Iterable[TranslationUnit], origin: str = "",
                  progress: Progress | None = None, documents: list[str] | None = None,
                  replace: bool = False) -> int:
        """Add translation units (each with text in at least two languages) in one commit; return how many.

        Every unit is owned by ``origin``. With ``replace``, what ``origin`` added before is retracted in the
        same commit (counts decremented, units only it had added removed): adding a file again replaces it.
        Units with text in fewer than two languages are left out and counted in :attr:`skipped`; the
        occurrences retracted are in :attr:`replaced`. A unit with several variants in one language is added
        as one unit per variant (counted in :attr:`alternatives`). A replacing add that adds nothing changes
        nothing: the origin's earlier units stay (:attr:`kept` says whether it had any)."""
        written: list[dict[str, Any]] = []
        self.skipped = self.replaced = self.alternatives = 0
        self.kept = False
        batch = PartRows()
        added = 0
        now = _now()
        with self._creating():
            try:
                for tu in units:
                    rows = unit_rows(tu, origin, documents)
                    if not rows:
                        self.skipped += 1
                        continue
                    self.alternatives += len(rows) > 1
                    for row in rows:
                        batch.add(row.texts, row.markup, row.srclang, row.origins, row.documents, row.props,
                                  row.created or now, row.count, owner=origin)
                    added += len(rows)
                    if progress is not None:
                        progress(1)
                    if batch.size >= CHUNK:
                        written.append(self._write_part(batch.frame()))
                        batch = PartRows()
                if batch.size:
                    written.append(self._write_part(batch.frame()))
                if replace and origin and added:  # a TM new when opened may have its units by now (an add at once)
                    self.replaced = self._commit(written, retract=("origin", origin))
                elif written:
                    self._commit(written)
                elif replace and origin and not self._lazy:  # nothing to add: an earlier add is not emptied
                    self.kept = origin in self.origins()
            except BaseException:
                self._discard(written)
                self._remove_if_unborn()
                raise
            finally:
                self._release()
        return added

    def _remove_if_unborn(self) -> None:
        """After a failed first write of a lazily opened TM: remove the (empty) folders it made."""
        if self._lazy and not self.manifest_path.exists():
            for folder in (self.parts_dir, self.directory):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only empty folders: never anything another process wrote

    def _discard(self, entries: list[dict[str, Any]]) -> None:
        """Delete part files of a failed write, unless the manifest names them (the commit went through)."""
        try:
            named = {p["name"] for p in self.manifest()["parts"]}
        except StoreError:
            return
        for entry in entries:
            if entry["name"] not in named:
                with contextlib.suppress(OSError):
                    (self.parts_dir / entry["name"]).unlink()

    def add_alignment(self, alignment: Alignment, origin: str | None = None, progress: Progress | None = None,
                      status: str = "all", min_confidence: float = 0.0, replace: bool = True) -> int:
        """Add every link with text in at least two languages of an :class:`~tmtool.align.model.Alignment`.

        The alignment replaces what ``origin`` added before (``replace``; see :meth:`add_units`), so adding
        a reviewed alignment again gives exactly its current links. ``status="reviewed"`` keeps only links
        a reviewer confirmed or edited; ``min_confidence`` drops automatic links scored below it (a
        reviewer's decision is kept whatever the automatic score)."""
        if status not in ADD_STATUSES:
            raise UsageError(f"status must be one of {', '.join(ADD_STATUSES)}, not {status!r}")
        symbols: list[str] = []
        for doc in alignment.documents:
            meta = doc.metadata or {}
            found = meta.get("symbols") or ([meta["symbol"]] if meta.get("symbol") else [])
            for s in found if isinstance(found, list) else [found]:
                if str(s) not in symbols:
                    symbols.append(str(s))
        # one document, however many symbols it has: a joint document is "A/78/371-S/2023/684", as the UN
        # writes it
        documents = ["-".join(symbols)] if symbols else []
        if origin is None:
            origin = documents[0] if documents else (alignment.documents[0].path if alignment.documents else "")

        def units() -> Iterator[TranslationUnit]:
            langs = alignment.langs
            for link in alignment.links:
                reviewed = link.status in REVIEWED
                if (status == "reviewed" and not reviewed) or (not reviewed and link.confidence < min_confidence):
                    continue
                variants = tuple(
                    Variant(lang=lang, text=alignment.unit_text(link, lang))
                    for lang in langs
                    if link.segments.get(lang)
                )
                props = (("x-confidence", f"{link.confidence:.4f}"), ("x-status", link.status),
                         ("x-link-type", link.link_type(langs)), (LINK_LANGS, ",".join(langs)))
                yield TranslationUnit(variants=variants, srclang=langs[0] if langs else None, props=props)

        return self.add_units(units(), origin=origin, progress=progress, documents=documents, replace=replace)

    # ----------------------------------------------------------------- reading
    def scan(self, manifest: dict[str, Any] | None = None) -> pl.LazyFrame | None:
        """A polars LazyFrame over every committed part (duplicates not merged), or None when empty."""
        import polars as pl

        paths = self.part_paths(manifest)
        for path in paths:  # a part of another kind would be read as units without a key
            why = part_problem(path)
            if why:
                raise StoreError(f"{path}: {why} ({REPAIR})")
        if not paths:
            return None
        return pl.concat([pl.scan_parquet(p) for p in paths], how="diagonal_relaxed")

    def units(self, manifest: dict[str, Any] | None = None, ranked: bool = False) -> pl.DataFrame:
        """The merged units as a polars DataFrame, one row per distinct unit (see module docstring), in the order
        of their first occurrence; with ``ranked``, most frequent first (count descending, then key), the lookup
        index's order."""
        import polars as pl

        for attempt in range(3):  # a concurrent compaction may delete parts between manifest read and scan
            m = manifest if manifest is not None else self.manifest()
            try:
                lf = self.scan(m)
                if lf is None:
                    return pl.DataFrame({"key": []}, schema={"key": pl.UInt64})
                return merged_units(lf, ranked)
            except (StoreError, OSError, pl.exceptions.PolarsError) as exc:
                if manifest is None and attempt < 2 and self.manifest()["parts"] != m["parts"]:
                    continue  # the parts changed under us (compaction): read the new manifest
                if isinstance(exc, StoreError):
                    raise
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise StoreError(f"{self.directory}: cannot read parts: {first} ({REPAIR})") from None
        raise StoreError(f"{self.directory}: parts keep changing while reading")  # pragma: no cover

    def languages(self, manifest: dict[str, Any] | None = None) -> list[str]:
        """Language tags present in the store."""
        lf = self.scan(manifest)
        if lf is None:
            return []
        return sorted(lang for c in lf.collect_schema().names() if (lang := lang_of_column(c)))

    def resolve_lang(self, lang: str, manifest: dict[str, Any] | None = None) -> list[str]:
        """Tags in the store that ``lang`` selects (:func:`select_tags`)."""
        return select_tags(lang, self.languages(manifest))

    def iter_units(self, langs: list[str] | None = None) -> Iterator[TranslationUnit]:
        """Merged units as TranslationUnits (for TMX export); ``langs`` keeps only those languages."""
        df = self.units()
        if not df.height:
            return
        columns = [c for c in df.columns if c.startswith(TEXT)]
        if langs:
            wanted = {t for lang in langs for t in self.resolve_lang(lang)}
            columns = [c for c in columns if lang_of_column(c) in wanted]
        for row in df.iter_rows(named=True):
            variants = tuple(
                Variant(lang=lang_of_column(c), text=row[c], markup=row.get(markup_column(lang_of_column(c))))
                for c in columns
                if row[c] is not None
            )
            if len(variants) < 2:
                continue
            # one prop per type (Trados keeps one value per field): several documents or origins are joined
            props = [("x-document", JOIN.join(row["documents"]))] if row["documents"] else []
            stored = [(t, v) for t, v in json.loads(row["props"])] if row["props"] else []
            notes = tuple(v for t, v in stored if t == NOTE)
            attrs = (("creationdate", row["created"]),) + tuple(
                (t[len(ATTR):], v) for t, v in stored if t.startswith(ATTR))
            props += _link_props([(t, v) for t, v in stored if t != NOTE and not t.startswith(ATTR)],
                                 [v.lang for v in variants])
            props += [("x-count", str(row["count"]))]
            props += [("x-origin", JOIN.join(row["origins"]))] if row["origins"] else []
            # a source with no text here (a *all* unit): none, not a made-up one the writer would keep as the unit's
            srclang = row["srclang"] if row["srclang"] in {v.lang for v in variants} else None
            yield TranslationUnit(variants=variants, tuid=f"{row['key']:016x}", srclang=srclang,
                                  props=tuple(props), notes=notes, attrs=attrs)

    def stats(self) -> dict[str, Any]:
        """Counts: ``units`` (distinct), ``occurrences``, ``languages`` {tag: units}, ``documents``, ``origins``,
        ``parts``, ``bytes`` (parts + manifest on disk), ``index_bytes``."""
        import polars as pl

        from .index import current_parts

        m, files = current_parts(self)  # a part missing: the one-line error, not the stale index's counts
        folder = self.directory / "index" / self.fingerprint(m)
        try:  # the lookup index of exactly these part files holds their merged units: faster than merging
            fresh = json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("files") == files
            df = pl.read_parquet(folder / "units.parquet") if fresh else self.units(m)
        except (OSError, ValueError, pl.exceptions.PolarsError):
            df = self.units(m)
        langs = {lang_of_column(c): int(df[c].is_not_null().sum()) for c in df.columns if c.startswith(TEXT)}
        if df.height:
            docs = df.select(pl.col("documents").list.explode(keep_nulls=False, empty_as_null=False).n_unique()).item()
            origins = df.select(pl.col("origins").list.explode(keep_nulls=False, empty_as_null=False).n_unique()).item()
            occurrences = int(df["count"].sum())
        else:
            docs = origins = occurrences = 0
        size = self.manifest_path.stat().st_size if self.manifest_path.exists() else 0
        size += sum(part_size for part_size, _ in files.values())  # stat'ed just now by current_parts
        index_dir = self.directory / "index"
        index_bytes = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file()) if index_dir.exists() else 0
        return {
            "path": str(self.directory),
            "units": df.height,
            "occurrences": occurrences,
            "languages": dict(sorted(langs.items())),
            "documents": int(docs),
            "origins": int(origins),
            "parts": len(m["parts"]),
            "generation": int(m.get("generation", 0)),
            "bytes": int(size),
            "index_bytes": int(index_bytes),
        }

    # ----------------------------------------------------------------- maintenance
    def compact(self) -> int:
        """Merge every committed part into one part with duplicates merged; return the number of units.

        Parts committed by other processes while compacting are kept as they are.
        """
        snapshot = self.manifest()
        if len(snapshot["parts"]) <= 1 and not self._has_duplicates(snapshot):
            self.remove_orphans()
            return self.units(snapshot).height
        units = self.units(snapshot).height
        merged = self._merged_by_owner(snapshot)
        entry = self._write_part(merged)
        old = {p["name"] for p in snapshot["parts"]}
        try:
            self._commit([entry], remove=old, require=True)
        except BaseException:
            self._discard([entry])
            raise
        finally:
            self._release()
        for name in old:
            with contextlib.suppress(OSError):
                (self.parts_dir / name).unlink()
        self.remove_orphans()
        return units

    def _merged_by_owner(self, manifest: dict[str, Any]):
        """The committed rows merged per (unit, owner): duplicates merged, each origin's share kept apart
        so that a later retraction of one origin stays exact."""
        import polars as pl

        lf = self.scan(manifest)
        assert lf is not None  # compact merges two parts at least
        cols = lf.collect_schema().names()
        last = pl.col("origins").list.last()
        owner = pl.col("owner").fill_null(last) if "owner" in cols else last
        lf = lf.with_columns(owner.alias("owner"))
        return lf.group_by(["key", "owner"], maintain_order=True).agg(merge_aggs(cols)).collect()

    def _has_duplicates(self, manifest: dict[str, Any]) -> bool:
        lf = self.scan(manifest)
        if lf is None:
            return False
        import polars as pl

        cols = lf.collect_schema().names()
        owner = pl.col("owner") if "owner" in cols else pl.col("origins").list.last()
        return bool(lf.select(pl.struct(pl.col("key"), owner.alias("owner")).is_duplicated().any()).collect().item())

    def remove_orphans(self, older_than: float = 3600.0) -> list[str]:
        """Delete part files no manifest names (left by killed writes) older than ``older_than`` seconds."""
        m = self.manifest()
        named = {p["name"] for p in m["parts"]}
        try:  # a file older than the TM itself is no killed write of this TM: never delete it
            born = datetime.strptime(m["created"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).timestamp()
        except (KeyError, TypeError, ValueError):
            born = 0.0
        removed = []
        now = time.time()
        for f in self.parts_dir.glob("*"):
            try:
                mtime = f.stat().st_mtime
            except FileNotFoundError:  # removed meanwhile (another compaction)
                continue
            if f.name not in named and now - mtime > older_than and mtime >= born - 1 and not held(f):
                with contextlib.suppress(OSError):
                    f.unlink()
                    removed.append(f.name)
        return removed
