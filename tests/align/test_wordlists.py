"""Bilingual word lists given to the aligner (``--dictionary``): reading FreeDict dictd files and TSV lists,
the features they give, the back-off to what the document teaches, and a misalignment they fix.

Golden files: ``tests/data/wordlists/<list>`` (``.index`` with its ``.dict``, or ``.tsv``) must read as
``<list>.expected.json``. Alignment cases: ``tests/data/wordlists/align/<case>/{de.txt, fr.txt, expected.ladder}``,
own texts with no cognates, names or numbers, so that the word list is the only lexical evidence.
After a deliberate change, regenerate with ``TMTOOL_UPDATE_GOLDEN=1`` and review the diff by eye.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tmtool.align import AlignmentWarning, WordList, align_segments, ladder_from_links, read_ladder, read_wordlist
from tmtool.align.pairwise import PairAligner
from tmtool.align.wordlists import WordListFeatures, wordlist_features
from tmtool.errors import EncodingError, FormatError, InputError

DATA = Path(__file__).resolve().parent.parent / "data" / "wordlists"
LISTS = sorted(p for p in DATA.iterdir() if p.suffix in (".index", ".tsv"))
CASES = sorted(p for p in (DATA / "align").iterdir() if p.is_dir())


def _render(wl: WordList) -> dict:
    return {"langs": list(wl.langs), "pairs": {w: sorted(ts) for w, ts in sorted(wl.pairs.items())}}


@pytest.mark.parametrize("path", LISTS, ids=[p.name for p in LISTS])
def test_word_list_golden(path: Path) -> None:
    expected_path = path.with_name(path.name + ".expected.json")
    got = _render(read_wordlist(path))
    if os.environ.get("TMTOOL_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert expected_path.exists(), f"no golden file {expected_path.name}; run with TMTOOL_UPDATE_GOLDEN=1"
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


def test_dictd_entry_rules() -> None:
    """Numbered senses count, definitions and bare sense markers do not; phrases, two-letter words and
    translations that share their first five letters with the headword are left out."""
    pairs = read_wordlist(DATA / "freedict-deu-fra.index").pairs  # words as glossary keys (Snowball stems)
    assert pairs["gipfel"] == {"sommet", "combl", "apog"}  # senses 1 and 2; not "Spitze eines Baumes"
    assert pairs["schnee"] == {"neig"}  # "la neige": the article has two letters
    assert pairs["hutt"] == {"caban", "refug"}  # Hütte; "(de montagne)" is a note
    assert "bergsteig" not in pairs and "bergsteigen" not in pairs  # "faire de l'alpinisme" is a phrase
    assert "patrouill" not in pairs  # a cognate: the aligner links it anyway
    assert not {"kalt", "kalter", "wind"} & pairs.keys()  # a phrase headword
    # the .dict and .index name the same list
    assert read_wordlist(DATA / "freedict-deu-fra.dict").pairs == pairs


def test_oriented_either_way() -> None:
    wl = read_wordlist(DATA / "de-fr.tsv")
    assert wl.oriented("de", "fr")["wett"] == {"temp", "météo", "climat"}  # Wetter: temps, météo; climat
    back = wl.oriented("fr-CH", "de-AT")
    assert back["temp"] == {"wett"} and back["glaci"] == {"gletsch"}
    assert wl.oriented("en", "fr") == {}


def test_features_only_for_pairs_present_in_both_texts() -> None:
    wl = read_wordlist(DATA / "de-fr.tsv")
    src = ["Die Zelte standen am Gletscher.", "Das Wetter blieb gut.", "Nichts davon."]
    tgt = ["Les tentes étaient au bord du glacier.", "Le temps resta beau, le climat doux.", "Une cordée."]
    fs, ft, behind = wordlist_features([wl], "de", "fr", src, tgt)
    # inflected words meet the list's base forms through their stems (Zelte, tentes)
    assert fs == [["W:gletsch|glaci", "W:zelt|tent"], ["W:wett|climat", "W:wett|temp"], []]
    assert ft == [["W:gletsch|glaci", "W:zelt|tent"], ["W:wett|climat", "W:wett|temp"], []]
    assert behind["W:zelt|tent"] == ({"zelte"}, {"tentes"})  # the words of the texts behind each feature
    # seilschaft|cordée: "cordée" is in the French text, "Seilschaft" not in the German one
    fs2, ft2, _ = wordlist_features([wl], "fr", "de", tgt, src)  # the same pairs, named from French
    assert fs2 == ft2 == [["W:glaci|gletsch", "W:tent|zelt"], ["W:climat|wett", "W:temp|wett"], []]
    assert wordlist_features([wl], "en", "fr", src, tgt) == ([[], [], []], [[], [], []], {})


def test_german_compounds_count_as_their_head() -> None:
    """A German word the list lacks counts as the longest ending the list holds (Gipfelmannschaften ->
    Mannschaft); languages that do not write compounds as one word are not split."""
    wl = WordList(("de", "fr"), {"mannschaft": frozenset({"équip"}), "zelt": frozenset({"tent"})}, "test")
    src = ["Die Gipfelmannschaften kehrten zurück.", "Das Zelt stand.", "Die Mann schlief."]
    tgt = ["Les équipes du sommet rentrèrent.", "La tente tenait.", "Des détentes."]
    fs, ft, behind = wordlist_features([wl], "de", "fr", src, tgt)
    assert fs == [["W:mannschaft|équip"], ["W:zelt|tent"], []]  # "Mann" alone is no head of four letters held
    assert behind["W:mannschaft|équip"] == ({"gipfelmannschaften"}, {"équipes"})
    assert ft == [["W:mannschaft|équip"], ["W:zelt|tent"], []]  # French "détentes" is not split (détente)
    # from French to German: the German side is still the one split
    assert wordlist_features([wl], "fr", "de", tgt, src)[1] == [["W:équip|mannschaft"], ["W:tent|zelt"], []]


def test_arabic_words_are_found_with_their_clitics(tmp_path: Path) -> None:
    """Running text is keyed as the glossary keys it (``text_keys``: each way of taking clitics off): ``ولسوريا``
    ("and to Syria") holds ``سوريا``, which its stem alone (``لسوري``) would miss."""
    path = tmp_path / "en-ar.tsv"
    path.write_text("en\tar\nSyria\tسوريا\n", encoding="utf-8")
    fs, ft, behind = wordlist_features([read_wordlist(path)], "en", "ar", ["Aid to Syria."], ["ولسوريا مساعدات."])
    assert fs == ft == [["W:syria|سوري"]]
    assert behind["W:syria|سوري"] == ({"syria"}, {"ولسوريا"})


def test_chinese_words_are_found_inside_runs(tmp_path: Path) -> None:
    path = tmp_path / "glaciers.en-zh.tsv"
    path.write_text("en\tzh\nglacier\t冰川\ntent\t帐篷\n", encoding="utf-8")
    wl = read_wordlist(path)
    english, chinese = ["The glaciers were crossed."], ["我们走过了冰川和雪原。"]
    fs, ft, behind = wordlist_features([wl], "en", "zh", english, chinese)
    assert fs == [["W:glacier|冰川"]] and ft == [["W:glacier|冰川"]]
    assert behind["W:glacier|冰川"] == ({"glaciers"}, {"冰川"})


def test_learnt_words_replace_the_word_list() -> None:
    """Once the document has taught the aligner a word, the word list's pairs with it stop counting; what was
    taught is judged on the words of the texts behind a pair (the lexicon's word types are 5-letter stems)."""
    wl = read_wordlist(DATA / "de-fr.tsv")
    aligner = PairAligner("de", "fr", wordlists=(wl,))
    found = WordListFeatures([["W:zelt|tent", "W:wett|temp"]], [["W:zelt|tent", "W:wett|temp"]],
                             {"W:zelt|tent": (frozenset({"zelte"}), frozenset({"tentes"})),
                              "W:wett|temp": (frozenset({"wetter"}), frozenset({"temps"}))})
    assert aligner._wordlist_bags([["x"]], [["y"]], found) == (
        [["x", "W:zelt|tent", "W:wett|temp"]], [["y", "W:zelt|tent", "W:wett|temp"]])
    aligner.lexicon = {"zelte": ["L:zelte|tente"]}  # learnt word types (features.words): "zelte" for "Zelte"
    assert aligner._wordlist_bags([["x"]], [["y"]], found) == ([["x", "W:wett|temp"]], [["y", "W:wett|temp"]])
    aligner.lexicon, aligner.lexicon_t = {}, {"temps": ["L:wette|temps"]}  # a learnt French word counts too
    assert aligner._wordlist_bags([["x"]], [["y"]], found) == ([["x", "W:zelt|tent"]], [["y", "W:zelt|tent"]])


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_word_list_fixes_a_misalignment(case: Path) -> None:
    de = (case / "de.txt").read_text(encoding="utf-8").splitlines()
    fr = (case / "fr.txt").read_text(encoding="utf-8").splitlines()
    expected = read_ladder(case / "expected.ladder")
    wl = read_wordlist(DATA / "freedict-deu-fra.index")
    with_list = ladder_from_links(align_segments({"de": de, "fr": fr}, wordlists=[wl]), "de", "fr")
    assert with_list == expected
    # the case needs the list: without it, length alone puts the omission elsewhere
    assert ladder_from_links(align_segments({"de": de, "fr": fr}), "de", "fr") != expected


def test_word_list_for_other_languages_warns() -> None:
    wl = read_wordlist(DATA / "de-fr.tsv")
    with pytest.warns(AlignmentWarning, match="de-fr.tsv: for de-fr, but the documents are in en, fr: not used"):
        align_segments({"en": ["The tent."], "fr": ["La tente."]}, wordlists=[wl])


@pytest.mark.parametrize(
    ("name", "content", "error", "where", "message"),
    [
        ("empty.de-fr.tsv", "# nothing\n", FormatError, "", "empty word list"),
        ("noheader.tsv", "Zelt\ttente\n", FormatError, ":1", "the first line must name the two languages"),
        ("same.tsv", "fr\tfr-CA\n", FormatError, ":1", "both columns are in fr"),
        ("columns.tsv", "de\tfr\nZelt\ttente\nGrat\n", FormatError, ":3", "expected two tab-separated columns"),
        ("latin1.tsv", b"de\tfr\nH\xfctte\tcabane\n", EncodingError, ":2", "not valid utf-8 (byte 0xfc)"),
        ("missing.tsv", None, InputError, "", "cannot read: No such file"),
    ],
)
def test_bad_tsv(tmp_path: Path, name: str, content, error: type, where: str, message: str) -> None:
    """One line naming the file (and the line where there is one)."""
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_wordlist(path)
    assert str(caught.value).startswith(f"{path}{where}: {message}")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("index", "dict_text", "message"),
    [
        ("Seil\tA\n", "Seil\ncorde\n", ":1: a dictd index line needs a headword, an offset and a length"),
        ("Seil\tA\tB!\n", "Seil\ncorde\n", ":1: bad dictd index number 'B!'"),
        ("Zelt\tA\tJ\nSeil\tA\tz\n", "Zelt\ntente\n", ":2: entry 'Seil' lies beyond the end of"),
    ],
)
def test_bad_dictd(tmp_path: Path, index: str, dict_text: str, message: str) -> None:
    (tmp_path / "freedict-deu-fra.index").write_text(index, encoding="utf-8")
    (tmp_path / "freedict-deu-fra.dict").write_text(dict_text, encoding="utf-8")
    with pytest.raises(FormatError, match=message.replace("(", r"\(")) as caught:
        read_wordlist(tmp_path / "freedict-deu-fra.index")
    assert str(caught.value).startswith(str(tmp_path / "freedict-deu-fra.index"))


def test_dictd_needs_both_files_and_a_language_pair_in_its_name(tmp_path: Path) -> None:
    (tmp_path / "freedict-deu-fra.index").write_text("Seil\tA\tL\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs freedict-deu-fra.index and freedict-deu-fra.dict"):
        read_wordlist(tmp_path / "freedict-deu-fra.index")
    for name, message in (("mountains", "cannot tell the two languages"), ("x-deu-xyz", "(deu-xyz)")):
        (tmp_path / f"{name}.index").write_text("Seil\tA\tL\n", encoding="utf-8")
        (tmp_path / f"{name}.dict").write_text("Seil\ncorde\n", encoding="utf-8")
        with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
            read_wordlist(tmp_path / f"{name}.index")


def test_cli_dictionary(cli_run, tmp_path: Path) -> None:
    case = DATA / "align" / "mountain"
    ladder = tmp_path / "links.ladder"
    args = ["align", case / "de.txt", case / "fr.txt", "--lang", "de,fr", "--input-format", "lines",
            "-o", tmp_path / "out", "--links-out", ladder]
    code, _, err = cli_run(args + ["--dictionary", DATA / "freedict-deu-fra.index"])
    assert code == 0, err
    assert read_ladder(ladder) == read_ladder(case / "expected.ladder")
    bad = tmp_path / "bad.tsv"
    bad.write_text("de\tfr\nZelt\n", encoding="utf-8")
    code, _, err = cli_run(args + ["--force", "--dictionary", bad])
    assert code == 1
    assert err.strip() == f"tmtool: error: {bad}:2: expected two tab-separated columns, found 1"
    other = tmp_path / "en-fr.tsv"
    other.write_text("en\tfr\ntent\ttente\n", encoding="utf-8")
    code, _, err = cli_run(args + ["--force", "--dictionary", other])
    assert code == 0
    assert f"tmtool: warning: {other}: for en-fr, but the documents are in de, fr: not used" in err


def test_word_list_at_sentence_level(tmp_path: Path) -> None:
    """Each version of the case as one paragraph: the sentences inside the paragraph link are aligned with the
    word list too (the paragraph pass's aligner is reused)."""
    from tmtool.align import align_documents
    from tmtool.documents import read_document

    case = DATA / "align" / "mountain"
    docs = []
    for lang in ("de", "fr"):
        path = tmp_path / f"mountain.{lang}.txt"
        path.write_text(" ".join((case / f"{lang}.txt").read_text(encoding="utf-8").split("\n")) + "\n", "utf-8")
        docs.append(read_document(path, lang=lang))
    expected = [(tuple(s), tuple(t)) for s, t in read_ladder(case / "expected.ladder")]
    wl = read_wordlist(DATA / "freedict-deu-fra.index")
    alignment = align_documents(docs, level="sentence", wordlists=[wl])
    assert [len(d.segments) for d in alignment.documents] == [6, 5]
    assert [(link.segments["de"], link.segments["fr"]) for link in alignment.links] == expected
    without = align_documents(docs, level="sentence")
    assert [(link.segments["de"], link.segments["fr"]) for link in without.links] != expected


def test_damaged_compressed_dictionary_is_one_line(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "freedict-deu-fra.index").write_text("Seil\tA\tL\n", encoding="utf-8")
    (tmp_path / "freedict-deu-fra.dict.dz").write_bytes(gzip.compress(b"Seil\ncorde\n")[:15])
    with pytest.raises(InputError) as caught:
        read_wordlist(tmp_path / "freedict-deu-fra.index")
    damaged = tmp_path / "freedict-deu-fra.dict.dz"
    assert str(caught.value) == f"{damaged}: cannot read: the compressed file is cut short"


_GERMAN = ["Gipfel", "Gipfels", "Hütte", "Hütten", "Seil", "Zelt", "Zelte", "Gipfelmannschaft", "Wetter", "und", "Berg"]
_FRENCH = ["sommet", "sommets", "cabane", "corde", "cordes", "tente", "temps", "équipe", "et", "montagne"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_GERMAN), max_size=6).map(" ".join), max_size=6),
    st.lists(st.lists(st.sampled_from(_FRENCH), max_size=6).map(" ".join), max_size=6),
    st.dictionaries(st.sampled_from(_GERMAN), st.frozensets(st.sampled_from(_FRENCH), min_size=1), max_size=8),
)
def test_word_list_features_are_shared(de: list[str], fr: list[str], raw: dict) -> None:
    """Every feature is on both sides (some segment of each holds one of its words), one list per segment, and the
    words behind it are words of those segments."""
    from tmtool.glossary.normalise import term_key

    pairs = {term_key(w, "de"): frozenset(term_key(y, "fr") for y in ys) for w, ys in raw.items()}
    wl = WordList(("de", "fr"), pairs)
    fs, ft, behind = wordlist_features([wl], "de", "fr", de, fr)
    assert len(fs) == len(de) and len(ft) == len(fr)
    src_features = {f for bag in fs for f in bag}
    assert src_features == {f for bag in ft for f in bag} == behind.keys()
    for side, texts in ((fs, de), (ft, fr)):
        for bag, text in zip(side, texts):
            words = set(text.lower().split())
            for feature in bag:
                surface = behind[feature][0 if side is fs else 1]
                assert surface & words
