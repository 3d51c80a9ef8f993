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


# ---------------------------------------------------------------- part files changed by hand (audit, December 2026)
def _two_part_tm(tmp_path) -> TMStore:
    from tm_helpers import small_units, units_of

    store = TMStore.open(tmp_path / "tm")
    store.add_units(small_units(), origin="small_tm.tsv")
    arrived = {"en": "The delegation arrived in Reykjavik.", "fr": "La délégation est arrivée à Reykjavik."}
    store.add_units(units_of([arrived]), origin="geneva")
    return store


def _part_of(store: TMStore, origin: str):
    return next(store.parts_dir / p["name"] for p in store.manifest()["parts"] if origin in p["owners"])


def test_a_part_deleted_by_hand_is_the_store_error_not_stale_hits(tmp_path, cli_run) -> None:
    import pytest

    from tmtool.errors import StoreError

    store = _two_part_tm(tmp_path)
    assert concordance(store, "Reykjavik", "en", "fr").total == 1  # index built, kept in memory and on disk
    part = _part_of(store, "geneva")
    part.unlink()
    for look in (lambda: concordance(store, "Reykjavik", "en", "fr"),
                 lambda: fuzzy(store, "The delegation arrived.", "en", "fr")):
        with pytest.raises(StoreError, match=f"{part.name}: part named in the manifest is missing"):
            look()
    drop_cache()  # a new process: the index on disk
    for args in (["lookup", "Reykjavik", "--src", "en", "--tgt", "fr"], ["tm", "stats"]):
        code, out, err = cli_run(args + ["--tm", store.directory])
        assert code == 1 and out == "" and err.count("\n") == 1 and "part named in the manifest is missing" in err


def test_a_part_replaced_by_hand_is_indexed_again(tmp_path) -> None:
    store = _two_part_tm(tmp_path)
    assert concordance(store, "Reykjavik", "en", "fr").total == 1
    # the same name, other content: e.g. a backup's file copied over, or another TM's part renamed
    from tm_helpers import units_of

    donor = TMStore.open(tmp_path / "donor")
    donor.add_units(units_of([{"en": "A meeting in Nairobi.", "fr": "Une réunion à Nairobi."}] * 2), origin="geneva")
    _part_of(store, "geneva").write_bytes(donor.part_paths()[0].read_bytes())
    assert concordance(store, "Reykjavik", "en", "fr").total == 0  # 1 before: the cached index
    assert concordance(store, "Nairobi", "en", "fr").total == 1
    assert store.stats()["units"] == store.units().height  # not the stale index's merged units
    drop_cache()
    assert concordance(store, "Reykjavik", "en", "fr").total == 0


def test_an_update_never_starts_from_an_index_of_changed_parts(tmp_path) -> None:
    """An add after a part was replaced: the earlier index (of that part's old content) is no base."""
    from tm_helpers import units_of

    store = _two_part_tm(tmp_path)
    assert concordance(store, "Reykjavik", "en", "fr").total == 1
    part = _part_of(store, "geneva")
    donor = TMStore.open(tmp_path / "donor")
    donor.add_units(units_of([{"en": "A meeting in Nairobi.", "fr": "Une réunion à Nairobi."}]), origin="geneva")
    part.write_bytes(donor.part_paths()[0].read_bytes())
    store.add_units(units_of([{"en": "A visit to Bern.", "fr": "Une visite à Berne."}]), origin="bern")
    assert [concordance(store, q, "en", "fr").total for q in ("Reykjavik", "Nairobi", "Bern")] == [0, 1, 1]
