"""The lookup index: built once from the committed parts, kept on disk, updated or rebuilt when they change.

Layout under ``TM/index/<fingerprint>/`` (the fingerprint hashes the manifest's part names; ``meta.json``
records each part file's size and mtime, and an index whose files changed on disk is built again)::

    units.parquet            merged units, sorted by static rank (count desc, then key): row number = unit id
    <lang>/vocab.parquet     folded tokens (plus character bigrams for Han/Kana), token id = row number
    <lang>/postings.npy      uint32 unit ids per token, ascending (so also in rank order)
    <lang>/offsets.npy       int64, postings of token t = postings[offsets[t]:offsets[t+1]]
    <lang>/seq.npy           uint32 token ids of every unit's text in order (bigrams excluded)
    <lang>/seq_offsets.npy   int64, tokens of unit u = seq[seq_offsets[u]:seq_offsets[u+1]]
    <lang>/numeric.npy       bool per token id: the token is a number (fuzzy scoring treats those apart)

``<lang>`` is the set of store columns a language selects (``en`` or ``en-GB+en-US``); a language is
indexed the first time it is looked up. Builds write to a temporary folder and rename it into place, so
concurrent lookups never see half an index. Arrays are memory-mapped when opened. After appended parts the
index is updated from the previous one (:mod:`tmtool.tm.update`) instead of rebuilt.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from ..errors import StoreError
from ..fileio import atomic_write, parquet_bytes, write_failure
from .store import TMStore, text_column
from .text import CJK_CLASS, tokens_expr

__all__ = ["INDEX_VERSION", "TMIndex", "LangIndex", "open_index", "current_parts", "drop_cache", "tokenize_column",
           "csr", "write_lang", "shared_ids", "ORIGIN_LABEL", "building"]

ORIGIN_LABEL = "origin_label"
BUILD_CHUNK = 200_000  # units tokenised at a time by a language index build
INDEX_VERSION = 3  # written to meta.json; an index without it (older code) or with another is rebuilt (3: Arabic-Indic digits folded)

_CACHE: dict[tuple[str, str, str], TMIndex] = {}


class LangIndex:
    """Inverted index and token sequences of one language (memory-mapped arrays + vocabulary dict)."""

    def __init__(self, folder: Path, units: int | None = None) -> None:
        """Open the arrays in ``folder``; ValueError when they do not fit each other or ``units`` units."""
        self.folder = folder
        vocab = pl.read_parquet(folder / "vocab.parquet")["token"]
        self.tokens: list[str] = vocab.to_list()
        self.vocab: dict[str, int] = {t: i for i, t in enumerate(self.tokens)}
        load = lambda name: np.load(folder / name, mmap_mode="r")  # noqa: E731
        self.postings = load("postings.npy")
        self.offsets = np.asarray(load("offsets.npy"))
        self.seq = load("seq.npy")
        self.seq_offsets = np.asarray(load("seq_offsets.npy"))
        self.numeric = np.asarray(load("numeric.npy"))
        self.lengths = np.diff(self.seq_offsets)
        self.df = np.diff(self.offsets)
        self.cjk = vocab.str.contains(rf"^[{CJK_CLASS}]$").to_numpy()
        self._stems: dict[str, dict[str, list[int]]] = {}  # per language: stem -> token ids (forms_of)
        self._sorted: list[str] | None = None  # the vocabulary in order (forms_of)
        # n-gram frequencies counted by the concordance (tmtool.tm.concordance._phrase_df), kept between queries
        self.phrase_dfs: dict[tuple[int, ...], int] = {}
        # each token's characters, and the short units' length ratios against another language's index
        # (tmtool.tm.lengths), both kept between queries
        self.token_chars: np.ndarray | None = None
        self.short_ratios: dict[tuple[str, bool], np.ndarray] = {}
        self._check(units)

    def _check(self, units: int | None) -> None:
        """Bounds check of the arrays (cheap: lengths and last offsets only)."""
        n_tok = len(self.tokens)
        problems = [
            len(self.offsets) != n_tok + 1 and "offsets",
            len(self.numeric) != n_tok and "numeric",
            bool(len(self.offsets)) and int(self.offsets[-1]) != len(self.postings) and "postings",
            bool(len(self.seq_offsets)) and int(self.seq_offsets[-1]) != len(self.seq) and "seq",
            units is not None and len(self.seq_offsets) != units + 1 and "seq_offsets",
        ]
        bad = [p for p in problems if p]
        if bad:
            raise ValueError(f"inconsistent lookup index ({', '.join(bad)})")

    def gather(self, uids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Token ids of units ``uids`` concatenated, and for each token the position of its unit in ``uids``."""
        uids = np.asarray(uids, dtype=np.int64)
        starts = self.seq_offsets[uids]
        lens = self.seq_offsets[uids + 1] - starts
        total = int(lens.sum())
        owner = np.repeat(np.arange(len(uids)), lens)
        first = np.repeat(np.cumsum(lens) - lens, lens)
        return np.asarray(self.seq)[np.arange(total) - first + np.repeat(starts, lens)], owner

    def forms_of(self, token: str, lang: str) -> set[int]:
        """Ids of the vocabulary's other inflected forms of ``token`` in ``lang`` (a base language), ``token``
        itself among them if the vocabulary has it: the tokens with its Snowball stem (English: plural and
        possessive only; French, Spanish...: also of its singular readings, regimenes -> régimen; Arabic: also of
        its readings without proclitics, تطهير -> والتطهير: :func:`~tmtool.tm.forms.lookup_keys`) and, in Russian and the other languages where glossary terms match by a prefix of the
        stem, the token with one or two letters more or less at its end, which Snowball cuts apart (режим ->
        реж, режима -> режим). The stems of the vocabulary are computed on first use, once per language.
        A Russian word the dictionary knows gets the forms of its lemma instead (:func:`~tmtool.glossary.
        morphology.lexeme_forms`: права -> право, прав, правам ..., not правила, which Snowball gives the
        same stem)."""
        from ..glossary.morphology import lexeme_forms
        from ..glossary.normalise import PREFIX_LANGS, extends  # the glossary's matching rules
        from .forms import lookup_keys
        from .text import fold

        forms = lexeme_forms(token, lang)
        if forms is not None:
            return {tid for form in forms if (tid := self.vocab.get(fold(form))) is not None}
        table = self._stems.get(lang)
        if table is None:
            table = {}
            for tid, tok in enumerate(self.tokens):
                for key in lookup_keys(tok, lang):
                    table.setdefault(key, []).append(tid)
            self._stems[lang] = table
        ids = {tid for key in lookup_keys(token, lang) for tid in table.get(key, ())}
        if lang in PREFIX_LANGS and lang != "ar" and len(token) >= 3:  # Arabic: such letters make another word
            ids.update(tid for cut in (1, 2) if extends(token, token[:-cut])
                       if (tid := self.vocab.get(token[:-cut])) is not None)  # fmt: skip
            if self._sorted is None:
                self._sorted = sorted(self.tokens)
            at = bisect.bisect_right(self._sorted, token)
            while at < len(self._sorted) and self._sorted[at].startswith(token):
                if extends(self._sorted[at], token):
                    ids.add(self.vocab[self._sorted[at]])
                at += 1
        return ids

    def posting(self, tid: int) -> np.ndarray:
        return self.postings[self.offsets[tid] : self.offsets[tid + 1]]

    def tokens_of(self, uid: int) -> np.ndarray:
        return self.seq[self.seq_offsets[uid] : self.seq_offsets[uid + 1]]


class TMIndex:
    """Everything lookup needs for one store state: merged units plus per-language indexes."""

    def __init__(self, store: TMStore, folder: Path, manifest: dict[str, Any], files: dict[str, list[int]]) -> None:
        """Open the index in ``folder``; ValueError unless it was built from exactly the part ``files``
        (:func:`~tmtool.tm.repair.part_files`) of ``manifest``."""
        self.store = store
        self.folder = folder
        self.manifest = manifest
        self._langs: dict[str, LangIndex] = {}
        self.notify: Callable[[str], None] | None = None
        self._columns: dict[str, pl.Series] = {}
        schema = pl.read_parquet_schema(folder / "units.parquet")
        self.columns = list(schema)
        meta = json.loads((folder / "meta.json").read_text())
        self.size = int(meta["units"])
        if meta.get("version") != INDEX_VERSION:
            raise ValueError(f"{folder}: lookup index version {meta.get('version')!r}, not {INDEX_VERSION}")
        if sorted(meta.get("parts", [])) != sorted(p["name"] for p in manifest["parts"]):
            raise ValueError(f"{folder}: lookup index of other parts")
        if meta.get("files") != files:  # a part deleted, replaced or rewritten since (or an index of older code)
            raise ValueError(f"{folder}: lookup index of other part files")
        rows = pl.scan_parquet(folder / "units.parquet").select(pl.len()).collect().item()
        if rows != self.size:
            raise ValueError(f"{folder}: lookup index has {rows} units, its meta.json says {self.size}")

    # ------------------------------------------------------------------ columns
    def column(self, name: str) -> pl.Series:
        """One column of the merged units (loaded on first use and kept)."""
        if name not in self._columns:
            if name not in self.columns:
                return pl.Series(name, [None] * self.size, dtype=pl.String)
            column = pl.read_parquet(self.folder / "units.parquet", columns=[name])[name]
            self._columns[name] = column.rechunk()  # one chunk: gathering a few rows stays O(rows)
        return self._columns[name]

    def texts(self, tags: list[str]) -> pl.Series:
        """Text of each unit in the first of ``tags`` that has one."""
        key = "+".join(tags)
        if key not in self._columns:
            cols = [self.column(text_column(t)) for t in tags]
            self._columns[key] = cols[0] if len(cols) == 1 else pl.select(pl.coalesce(cols)).to_series().rechunk()
        return self._columns[key]

    def has_text(self, tags: list[str]) -> np.ndarray:
        """Boolean per unit: the unit has a text in one of ``tags``."""
        key = "has:" + "+".join(tags)
        if key not in self._columns:
            self._columns[key] = self.texts(tags).is_not_null()
        return self._columns[key].to_numpy()

    def lang(self, tags: list[str]) -> LangIndex:
        """The index of the language given by store tags ``tags`` (built and saved if absent)."""
        key = "+".join(tags)
        if key not in self._langs:
            folder = self.folder / key
            for attempt in range(2):
                if not (folder / "numeric.npy").exists():
                    if self.notify:
                        self.notify(f"indexing the {key} text of {self.size:,} units (once)")
                    _build_lang(self.texts(tags), self.folder, key)
                try:
                    self._langs[key] = LangIndex(folder, self.size)
                    break
                except (OSError, ValueError, pl.exceptions.PolarsError) as exc:  # damaged on disk: build again
                    shutil.rmtree(folder, ignore_errors=True)
                    if attempt:
                        raise StoreError(f"{folder}: cannot read the lookup index: {exc}") from None
        return self._langs[key]


def open_index(store: TMStore, notify: Callable[[str], None] | None = None) -> TMIndex:
    """The index for the store's current parts: reused from memory or disk, built if missing.

    ``notify`` is told (one line) before anything slow is built, here and by later :meth:`TMIndex.lang` calls."""
    manifest, files = current_parts(store)
    fp = store.fingerprint(manifest)
    cache_key = (str(store.directory.resolve()), fp, json.dumps(files, sort_keys=True))
    if cache_key in _CACHE:  # the same part files: a part changed on disk is another key
        return _CACHE[cache_key]
    root = store.directory / "index"
    folder = root / fp
    if not (folder / "meta.json").exists():
        from .update import find_base, update_index

        base = find_base(root, manifest, files)
        if notify:
            how = "updating" if base is not None else "building"
            notify(f"{how} the lookup index of {store.directory} (once; kept in {root})")
        if base is not None:
            update_index(store, manifest, base, folder, files)
        else:
            _build_units(store, manifest, root, fp, files)
        for old in root.iterdir():  # drop indexes of earlier states, and temp folders of killed builds
            try:
                stale = old.name.startswith(".") and time.time() - old.stat().st_mtime > 3600
            except FileNotFoundError:  # another builder's temp folder, renamed or removed since the listing
                continue
            if old.name != fp and (stale or not old.name.startswith(".")):
                shutil.rmtree(old, ignore_errors=True)
    try:
        index = TMIndex(store, folder, manifest, files)
    except (OSError, ValueError, KeyError, pl.exceptions.PolarsError):  # damaged, or of other files: build again
        shutil.rmtree(folder, ignore_errors=True)
        _build_units(store, manifest, root, fp, files)
        index = TMIndex(store, folder, manifest, files)
    index.notify = notify
    _CACHE.clear()
    _CACHE[cache_key] = index
    return index


def current_parts(store: TMStore) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The manifest and its part files as they are now (:func:`~tmtool.tm.repair.part_files`); a part missing
    because a concurrent compaction replaced it is read again from the new manifest, a part missing for good
    is the store's one-line error."""
    from .repair import part_files

    for attempt in range(3):
        manifest = store.manifest()
        try:
            return manifest, part_files(store, manifest)
        except StoreError:
            if attempt == 2 or store.manifest()["parts"] == manifest["parts"]:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _build_units(store: TMStore, manifest: dict[str, Any], root: Path, fp: str,
                 files: dict[str, list[int]]) -> None:
    units = store.units(manifest, ranked=True)
    if units.height:
        units = units.with_columns(
            pl.when(pl.col("documents").list.len() > 0)
            .then(pl.col("documents").list.first())
            .otherwise(pl.col("origins").list.first())
            .alias(ORIGIN_LABEL)
        )
    tmp = root / f".tmp-{secrets.token_hex(6)}"
    with building(tmp, root):
        tmp.mkdir(parents=True, exist_ok=True)
        (tmp / "units.parquet").write_bytes(parquet_bytes(units, compression="lz4"))  # a temp folder
        with atomic_write(tmp / "meta.json", "w", encoding="utf-8") as fh:
            json.dump({"version": INDEX_VERSION, "units": units.height,
                       "parts": [p["name"] for p in manifest["parts"]], "files": files}, fh)
        try:
            os.rename(tmp, root / fp)
        except OSError:  # another process built it first
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def building(tmp: Path, folder: Path) -> Iterator[None]:
    """Around the writing of index files into the temp folder ``tmp`` (renamed into ``folder`` when done): if the
    block fails, ``tmp`` goes; a write that could not be made (a full disk, a read-only folder) is one line naming
    ``folder``, not a temp file the user never saw."""
    try:
        yield
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if write_failure(exc) is None:
            raise
        raise StoreError(f"{folder}: cannot write the lookup index ({write_failure(exc)}); the translation memory "
                         f"itself is unchanged") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def tokenize_column(texts: pl.Series) -> tuple[np.ndarray, pl.DataFrame, pl.DataFrame]:
    """Tokenise every text once (polars, vectorised): per-text token counts, the tokens in order as
    ``(uid, tok)`` rows (uid = position in ``texts``), and the character bigrams of Han/Kana runs."""
    toks = pl.DataFrame({"t": texts}).select(tokens_expr(pl.col("t")).fill_null([]).alias("tok"))
    lengths = toks.select(pl.col("tok").list.len()).to_series().to_numpy().astype(np.int64)
    ex = toks.with_row_index("uid").explode("tok").drop_nulls("tok")
    # character bigrams for scripts without spaces (only added to the postings, not to the sequences)
    cjk = rf"^[{CJK_CLASS}]$"
    has_cjk = bool(texts.str.contains(rf"[{CJK_CLASS}]").any())
    bigrams = (
        ex.head(ex.height if has_cjk else 0)
        .with_columns(nxt=pl.col("tok").shift(-1), nuid=pl.col("uid").shift(-1))
        .filter((pl.col("uid") == pl.col("nuid")) & pl.col("tok").str.contains(cjk) & pl.col("nxt").str.contains(cjk))
        .select("uid", (pl.col("tok") + pl.col("nxt")).alias("tok"))
    )
    return lengths, ex, bigrams


def csr(tids: np.ndarray, uids: np.ndarray, n_tokens: int) -> tuple[np.ndarray, np.ndarray]:
    """Postings (unit ids ascending per token, duplicates dropped) and offsets from (token, unit) pairs."""
    pairs = pl.Series((tids.astype(np.uint64) << np.uint64(32)) | uids.astype(np.uint64)).unique().sort().to_numpy()
    postings = (pairs & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    counts = np.bincount((pairs >> np.uint64(32)).astype(np.int64), minlength=n_tokens)
    offsets = np.zeros(n_tokens + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return postings, offsets


def write_lang(folder: Path, key: str, vocab: pl.Series, arrays: dict[str, np.ndarray]) -> None:
    """Write one language's files to a temp folder and rename it to ``folder/key`` (first writer wins)."""
    tmp = folder / f".tmp-{key}-{secrets.token_hex(6)}"
    with building(tmp, folder):
        tmp.mkdir(parents=True)
        (tmp / "vocab.parquet").write_bytes(parquet_bytes(pl.DataFrame({"token": vocab})))
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", arr)
        try:
            os.rename(tmp, folder / key)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
    if not (folder / key / "numeric.npy").exists():
        raise StoreError(f"{folder / key}: could not build the lookup index")


def _build_lang(texts: pl.Series, folder: Path, key: str) -> None:
    """Index one language from scratch, tokenising ``BUILD_CHUNK`` units at a time: the exploded tokens of a
    whole language at millions of units took more than 7 GB (a French column of 2M six-language units), the
    arrays written are the same."""
    lengths: list[np.ndarray] = []
    chunks: list[tuple[pl.Series, np.ndarray, np.ndarray]] = []  # local vocabulary, its seq ids, (tid, uid) keys
    for start in range(0, max(len(texts), 1), BUILD_CHUNK):
        counts, ex, bigrams = tokenize_column(texts.slice(start, BUILD_CHUNK))
        local = pl.concat([ex["tok"], bigrams["tok"]]).unique().sort()
        enum = pl.Enum(local.to_list())
        seq_local = ex["tok"].cast(enum).to_physical().cast(pl.UInt32).to_numpy()
        tids = np.concatenate([seq_local, bigrams["tok"].cast(enum).to_physical().cast(pl.UInt32).to_numpy()])
        uids = np.concatenate([ex["uid"].to_numpy(), bigrams["uid"].to_numpy()]).astype(np.uint64) + np.uint64(start)
        pairs = pl.Series((tids.astype(np.uint64) << np.uint64(32)) | uids).unique().to_numpy()
        lengths.append(counts)
        chunks.append((local, seq_local, pairs))
        del ex, bigrams, tids, uids
    vocab = pl.concat([local for local, _, _ in chunks]).unique().sort()
    enum = pl.Enum(vocab.to_list())
    seq_parts, key_parts = [], []
    for local, seq_local, pairs in chunks:  # local token ids -> ids in the whole vocabulary
        to_global = local.cast(enum).to_physical().cast(pl.UInt32).to_numpy().astype(np.uint64)
        seq_parts.append(to_global[seq_local].astype(np.uint32))
        key_parts.append((to_global[(pairs >> np.uint64(32)).astype(np.int64)] << np.uint64(32))
                         | (pairs & np.uint64(0xFFFFFFFF)))
    chunks.clear()
    seq_ids = np.concatenate(seq_parts) if seq_parts else np.zeros(0, dtype=np.uint32)
    del seq_parts
    keys = np.concatenate(key_parts) if key_parts else np.zeros(0, dtype=np.uint64)
    del key_parts
    keys.sort()  # in place; no (token, unit) pair twice: each chunk's were made unique, their units differ
    postings = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    offsets = np.searchsorted(keys, np.arange(len(vocab) + 1, dtype=np.uint64) << np.uint64(32)).astype(np.int64)
    del keys
    seq_offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64), out=seq_offsets[1:])
    numeric = vocab.str.contains(r"^\d+$").to_numpy()
    write_lang(folder, key, vocab, {"postings": postings, "offsets": offsets, "seq": seq_ids,
                                    "seq_offsets": seq_offsets, "numeric": numeric})


def shared_ids(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values of ``a`` that ``b`` holds, both ascending without repeats (postings): the shorter is looked up
    in the longer, with no sort (``np.intersect1d`` sorts both again: 74 ms for the commonest words at 1M units)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not len(short):
        return a[:0]
    pos = np.searchsorted(long_, short)
    pos[pos == len(long_)] = len(long_) - 1
    found = short[long_[pos] == short]
    return found if short is a else found.astype(a.dtype, copy=False)


def drop_cache() -> None:
    """Forget indexes kept in memory (tests)."""
    _CACHE.clear()

