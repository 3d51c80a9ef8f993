"""An index that does not fit the parts (written by older code, or damaged) is detected and rebuilt."""

from __future__ import annotations

import json

import numpy as np

from tmtool.tm import TMStore, concordance, fuzzy
from tmtool.tm.index import drop_cache


def _index_folder(store: TMStore):
    return next(p for p in (store.directory / "index").iterdir() if not p.name.startswith("."))


def _short_sequences(folder, lang: str) -> None:
    """Drop the last units' token sequences, as the old incremental update did for some languages."""
    offsets = np.load(folder / lang / "seq_offsets.npy")
    np.save(folder / lang / "seq_offsets.npy", offsets[:-3])
    np.save(folder / lang / "seq.npy", np.load(folder / lang / "seq.npy")[: int(offsets[-4])])


def test_index_of_older_code_is_rebuilt(small_tm: TMStore) -> None:
    want = concordance(small_tm, "council", "en", "fr", limit=50)
    folder = _index_folder(small_tm)
    meta = json.loads((folder / "meta.json").read_text())
    del meta["version"]  # what older code wrote
    (folder / "meta.json").write_text(json.dumps(meta))
    _short_sequences(folder, "fr")
    drop_cache()
    got = concordance(small_tm, "council", "en", "fr", limit=50)
    assert got.total == want.total and [h.target for h in got.hits] == [h.target for h in want.hits]
    assert json.loads((_index_folder(small_tm) / "meta.json").read_text())["version"] >= 2


def test_language_index_out_of_bounds_is_rebuilt(small_tm: TMStore) -> None:
    want = concordance(small_tm, "Security Council", "en", "fr", limit=50)
    folder = _index_folder(small_tm)
    _short_sequences(folder, "fr")  # renderings gather the last units' French tokens: IndexError before
    drop_cache()
    got = concordance(small_tm, "Security Council", "en", "fr", limit=50)
    assert [r.text for r in got.renderings] == [r.text for r in want.renderings]
    assert len(np.load(folder / "fr" / "seq_offsets.npy")) == len(np.load(folder / "en" / "seq_offsets.npy"))
    assert fuzzy(small_tm, "Le Conseil de sécurité a adopté la résolution.", "fr", "en")
