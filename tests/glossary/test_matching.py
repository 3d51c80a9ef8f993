"""find_terms: inflection, clitics, unspaced Chinese, multiword terms, longest match, case rules, spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.glossary import Entry, Glossary, Term, find_terms

G = Glossary((
    Entry("sc", (Term("Security Council", "en"), Term("Conseil de sécurité", "fr"), Term("Consejo de Seguridad", "es"),
                 Term("Совет Безопасности", "ru"), Term("مجلس الأمن", "ar"), Term("安全理事会", "zh"),
                 Term("安理会", "zh", "admitted"))),
    Entry("ga", (Term("General Assembly", "en"), Term("Assemblée générale", "fr"), Term("Asamblea General", "es"),
                 Term("Генеральная Ассамблея", "ru"), Term("الجمعية العامة", "ar"), Term("大会", "zh"))),
    Entry("un", (Term("United Nations", "en"), Term("UN", "en", "admitted"), Term("ONU", "fr", "admitted"),
                 Term("Nations Unies", "fr"))),
    Entry("ir", (Term("Iran (Islamic Republic of)", "en"), Term("Iran", "en", "deprecated"))),
    Entry("tr", (Term("Türkiye", "fr"), Term("Turquie", "fr", "deprecated"), Term("Türkiye", "en"),
                 Term("Turkey", "en", "deprecated"))),
    Entry("ru", (Term("Russian Federation", "en"), Term("Russia", "en", "deprecated"))),
    Entry("az", (Term("Azerbaijan", "en"), Term("Азербайджан", "ru"), Term("أذربيجان", "ar"), Term("阿塞拜疆", "zh"))),
    Entry("ai", (Term("agenda item", "en"), Term("tema del programa", "es"), Term("пункт повестки дня", "ru"),
                 Term("point de l’ordre du jour", "fr"))),
    Entry("hr", (Term("human rights", "en"), Term("droits de l’homme", "fr"))),
))  # fmt: skip


def found(text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry.id) for m in find_terms(G, text, lang)]


def test_russian_cases() -> None:
    assert found("решение Генеральной Ассамблеи и Совета Безопасности", "ru") == [
        ("Генеральной Ассамблеи", "ga"), ("Совета Безопасности", "sc")]  # fmt: skip
    assert found("Советом Безопасности в Азербайджане", "ru") == [("Советом Безопасности", "sc"), ("Азербайджане", "az")]
    assert found("Ассамблеей", "ru") == []  # one word of a two-word term is not the term


def test_french_and_spanish_inflection() -> None:
    assert found("les Conseils de sécurité et l’Assemblée générale", "fr") == [
        ("Conseils de sécurité", "sc"), ("Assemblée générale", "ga")]  # fmt: skip
    assert found("resoluciones del Consejo de Seguridad", "es") == [("Consejo de Seguridad", "sc")]


def test_arabic_clitics() -> None:
    assert found("ولمجلس الأمن وللجمعية العامة وبأذربيجان", "ar") == [
        ("ولمجلس الأمن", "sc"), ("وللجمعية العامة", "ga"), ("وبأذربيجان", "az")]  # fmt: skip
    assert found("مَجْلِسُ الأَمْنِ", "ar") == [("مَجْلِسُ الأَمْنِ", "sc")]  # harakat ignored


def test_unsegmented_chinese() -> None:
    assert found("阿塞拜疆常驻联合国代表致安全理事会的信", "zh") == [("阿塞拜疆", "az"), ("安全理事会", "sc")]
    assert found("安理会和大会", "zh") == [("安理会", "sc"), ("大会", "ga")]


def test_longest_match_wins() -> None:
    assert found("Iran (Islamic Republic of) and Iran", "en") == [
        ("Iran (Islamic Republic of)", "ir"), ("Iran", "ir")]  # fmt: skip
    statuses = [m.term.status for m in find_terms(G, "Iran (Islamic Republic of)", "en")]
    assert statuses == ["preferred"]


def test_acronyms_are_case_sensitive() -> None:
    assert found("the UN and the un", "en") == [("UN", "un")]
    assert found("un membre de l’ONU", "fr") == [("ONU", "un")]


def test_an_acronym_joined_by_a_hyphen_is_another_name() -> None:
    """UN-Habitat, UN-Women and UN-SPIDER are other bodies: the check expected « Naciones Unidas » in « ONU-Hábitat »
    (the devset's 38 false `missing` of "UN", every one of them in such a name)."""
    assert found("UN-Habitat and UN-Women helped the UN", "en") == [("UN", "un")]
    assert found("l’ONU-Femmes et l’ONU", "fr") == [("ONU", "un")]
    assert found("the UN‑related work", "en") == []  # a non-breaking hyphen too
    assert found("the UN - and its agencies", "en") == [("UN", "un")]  # a dash between words is no hyphen


def test_capitalised_terms_need_capitals() -> None:
    assert found("la délégation turque et la Turquie", "fr") == [("Turquie", "tr")]
    assert found("the Russian contingent left Russia", "en") == [("Russia", "ru")]


def test_a_term_in_sentence_case_matches_lower_case_mid_sentence() -> None:
    """A glossary writes "Постоянный представитель" with a capital as the start of its entry; Russian writes
    the title in lower case mid-sentence (« посол и постоянный представитель Конго »), which the check
    reported as missing. A capital anywhere else in the term, or a place name, still asks for capitals."""
    g = Glossary([Entry("pr", (Term("Permanent Representative", "en"), Term("Постоянный представитель", "ru"),
                               Term("Représentant permanent", "fr"))),
                  Entry("sc", (Term("Совет Безопасности", "ru"),)),
                  Entry("place-CR", (Term("Costa rica", "es"),), subject="place-name")])
    ids = lambda text, lang: [m.text for m in find_terms(g, text, lang)]  # noqa: E731
    assert ids("посол и постоянный представитель Конго", "ru") == ["постоянный представитель"]
    assert ids("наши постоянные представители в Женеве", "ru") == ["постоянные представители"]
    assert ids("Постоянный представитель Китая", "ru") == ["Постоянный представитель"]
    assert ids("nos représentants permanents à New York", "fr") == ["représentants permanents"]
    assert ids("совет безопасности школы", "ru") == []  # Безопасности has its capital
    assert ids("la costa rica del norte", "es") == []  # a place name keeps its capital
    assert ids("the permanent representative", "en") == []  # English writes the title with capitals


def test_number_lists_inside_terms() -> None:
    assert found("en relación con el tema 42 del programa", "es") == [("tema 42 del programa", "ai")]
    assert found("по пунктам 31, 61 и 129 повестки дня", "ru") == [("пунктам 31, 61 и 129 повестки дня", "ai")]
    assert found("points 31, 61, 69 et 129 de l'ordre du jour", "fr")[0][1] == "ai"
    assert found("under agenda items 31, 61 and 129", "en") == [("agenda items", "ai")]


def test_language_without_terms_finds_nothing() -> None:
    assert find_terms(G, "Security Council", "de") == []


WORDS = st.sampled_from(["the", "Security", "Council", "General", "Assembly", "Iran", "(Islamic", "Republic", "of)",
                         "UN", "un", "Turkey", "human", "rights", ",", "and", "agenda", "item", "42"])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=25), st.sampled_from(["en", "fr", "zh"]))
def test_spans_are_ordered_disjoint_and_exact(words: list[str], lang: str) -> None:
    text = " ".join(words)
    matches = find_terms(G, text, lang)
    for m in matches:
        assert text[m.start : m.end] == m.text and m.text
        assert m.term in m.entry.terms
    for a, b in zip(matches, matches[1:]):
        assert a.end <= b.start


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, max_size=10), st.lists(WORDS, max_size=10))
def test_a_planted_term_is_always_found(before: list[str], after: list[str]) -> None:
    text = " ".join(before + ["Security", "Council"] + after)
    spans = [(m.start, m.end) for m in find_terms(G, text, "en")]
    start = len(" ".join(before)) + (1 if before else 0)
    # found as itself, or inside a longer match that covers it
    assert any(s <= start and start + len("Security Council") <= e for s, e in spans)


def test_english_strips_plurals_only() -> None:
    g = Glossary((Entry("pk", (Term("peacekeeping", "en"), Term("حفظ السلام", "ar"))),
                  Entry("pkr", (Term("peacekeepers", "en"), Term("حفظة السلام", "ar")))))  # fmt: skip
    assert [m.entry.id for m in find_terms(g, "peacekeepers and peacekeeping; a peacekeeper", "en")] == [
        "pkr", "pk", "pkr"]  # fmt: skip
    # same stem in Arabic: the entry written exactly as in the text wins; overlapping=True gives both
    assert [m.entry.id for m in find_terms(g, "حفظة السلام", "ar")] == ["pkr"]
    assert {m.entry.id for m in find_terms(g, "حفظة السلام", "ar", overlapping=True)} == {"pk", "pkr"}


def test_overlapping_gives_nested_terms() -> None:
    g = Glossary((Entry("un", (Term("联合国", "zh"),)), Entry("pr", (Term("常驻联合国代表", "zh"),))))
    assert [m.entry.id for m in find_terms(g, "阿塞拜疆常驻联合国代表", "zh")] == ["pr"]
    assert [m.entry.id for m in find_terms(g, "阿塞拜疆常驻联合国代表", "zh", overlapping=True)] == ["pr", "un"]


def test_terms_in_matches_the_primary_language_whatever_the_tag_spelling():
    terms = (Term("Côte d'Ivoire", "fr-FR"), Term("Côte d'Ivoire", "en"), Term("科特迪瓦", "zh-Hans"))
    entry = Entry(id="c1", terms=terms)
    assert [t.lang for t in entry.terms_in("FR_ca")] == ["fr-FR"]  # case and "_" as BCP 47 tools write them
    assert [t.lang for t in entry.terms_in("zh_CN")] == ["zh-Hans"]
    assert entry.terms_in("de") == []


@pytest.mark.parametrize(("term", "text", "found"), [
    ("марионеточный режим", "роспуск незаконного марионеточного режима", "марионеточного режима"),  # режим -> реж
    ("Йемен", "положение в Йемене", "Йемене"),
    ("Кувейт", "правительство Кувейта", "Кувейта"),
    ("Китай", "министры иностранных дел Китая и России", "Китая"),  # й lost: китай -> кита, китая -> кит
    ("Китай", "с Китаем", "Китаем"),
    ("Парагвай", "делегация Парагвая", "Парагвая"),
    ("Китай", "китайский язык", None),  # an adjective: another word
    ("Египет", "от имени Бангладеш, Египта и Ирака", "Египта"),  # a vowel that comes and goes: the dictionary
    ("Египет", "египетская делегация", None),
    ("пункт повестки дня", "Пункт 161(b) повестки дня", "Пункт 161(b) повестки дня"),  # a subparagraph letter
    ("пункт повестки дня", "пункт 5 (а) повестки дня", "пункт 5 (а) повестки дня"),
    ("мир", "мирный процесс", None),  # three letters more: another word
    ("совет", "советник", None),
])
def test_russian_words_snowball_cuts_short_still_match_their_forms(term: str, text: str, found: str | None) -> None:
    """Snowball's Russian stemmer takes some nouns' own last letters for an ending (режим -> реж, but режима ->
    режим), so their other forms went unmatched and the check reported Yemen, Kuwait as missing."""
    g = Glossary([Entry("x", (Term("x", "en"), Term(term, "ru")))])
    assert [m.text for m in find_terms(g, text, "ru")] == ([found] if found else [])


def test_an_arabic_place_name_with_the_article_is_another_word() -> None:
    """سورية is Syria, السورية "the Syrian" (feminine): a place name takes no article unless the article is its
    own (العراق), so the check used to report « الحكومة السورية » ("the Syrian Government") as the deprecated
    name of Syria. Other entries keep matching with the article: التنمية is a form of تنمية."""
    g = Glossary([Entry("place-SY", (Term("Syria", "en"), Term("سورية", "ar")), subject="place-name"),
                  Entry("place-IQ", (Term("Iraq", "en"), Term("العراق", "ar")), subject="place-name"),
                  Entry("dev", (Term("development", "en"), Term("تنمية", "ar")))])
    ids = lambda text: [m.entry.id for m in find_terms(g, text, "ar")]  # noqa: E731
    assert ids("أكدت سورية في مؤتمر جنيف") == ["place-SY"]
    assert ids("المبعوث الخاص إلى سورية") == ["place-SY"]
    assert ids("الحكومة السورية") == [] and ids("والسورية") == []
    assert ids("في العراق") == ["place-IQ"] and ids("والعراق") == ["place-IQ"]
    assert ids("التنمية المستدامة") == ["dev"]


@pytest.mark.parametrize("text", ["الدورتين العاديتين", "في دورتيْها الرابعة", "لدورات مجلس الإدارة",
                                  "الدورات الوزارية", "دوراتها", "في دورتها"])  # fmt: skip
def test_an_arabic_feminine_term_in_the_dual_and_plural(text: str) -> None:
    """الدورة (session) in the dual (الدورتين, دورتيها) and the plural (الدورات, لدورات): Snowball leaves their
    endings on, and the plural with the article was never stemmed (its letters after ال were not looked at). The
    devset check reported 12 of its 18 missing "session" in Arabic for these."""
    g = Glossary([Entry("s", (Term("session", "en"), Term("الدورة", "ar")))])
    assert [m.entry.id for m in find_terms(g, text, "ar")] == ["s"]


def test_an_arabic_feminine_ending_is_not_any_letters() -> None:
    g = Glossary([Entry("s", (Term("session", "en"), Term("الدورة", "ar")))])
    assert find_terms(g, "دوران الأرض", "ar") == []  # rotation: دور + ان is no form of دورة


def test_an_arabic_one_word_place_name_takes_particles_but_no_ending() -> None:
    """مالي is Mali, مالية "financial": Snowball gives them one stem, so the check took « الشؤون المالية » for
    Mali. A one-word name matches as written, with a conjunction or preposition on it; its derived words
    (العراقي "Iraqi") are the check's business. ألمانيا only looks as if it had the article: لألمانيا is
    "to Germany". A word of a longer name may still differ in spelling (ناغورني for ناغورنو)."""
    g = Glossary([Entry("place-ML", (Term("Mali", "en"), Term("مالي", "ar")), subject="place-name"),
                  Entry("place-DE", (Term("Germany", "en"), Term("ألمانيا", "ar")), subject="place-name"),
                  Entry("place-IQ", (Term("Iraq", "en"), Term("العراق", "ar")), subject="place-name"),
                  Entry("place-NK", (Term("Nagorno-Karabakh", "en"), Term("ناغورنو - كاراباخ", "ar")),
                        subject="place-name")])
    ids = lambda text: [m.entry.id for m in find_terms(g, text, "ar")]  # noqa: E731
    assert ids("في مالي") == ["place-ML"] and ids("ومالي") == ["place-ML"]
    assert ids("الشؤون المالية") == [] and ids("مالية الدولة") == []
    assert ids("رسالة لألمانيا") == ["place-DE"] and ids("وألمانيا") == ["place-DE"]
    assert ids("في العراق") == ["place-IQ"] and ids("وزير الخارجية العراقي") == []
    assert ids("النزاع في ناغورني - كاراباخ") == ["place-NK"]



@pytest.mark.parametrize(("text", "found"), [
    ("最不发达国家和发展中国家", []),  # "developing countries": 发展中 + 国家, no China in it
    ("撒哈拉以南非洲", []),  # "sub-Saharan Africa": 以南 + 非洲, no South Africa
    ("中国代表团", ["中国"]),
    ("一个中国政策", ["中国"]),  # 一个 + 中国 + 政策: the term is there
    ("联合国大会", ["联合国", "大会"]),
    ("南非和中国", ["南非", "中国"]),
])
def test_a_chinese_term_inside_another_word_is_not_the_term(text: str, found: list[str]) -> None:
    """Chinese terms are found as substrings; CC-CEDICT's headwords tell when one only straddles two words."""
    g = Glossary([Entry("place-CN", (Term("China", "en"), Term("中国", "zh"))),
                  Entry("place-ZA", (Term("South Africa", "en"), Term("南非", "zh"))),
                  Entry("org-UN", (Term("United Nations", "en"), Term("联合国", "zh"))),
                  Entry("organ-GA", (Term("General Assembly", "en"), Term("大会", "zh")))])
    assert [m.text for m in find_terms(g, text, "zh")] == found


# Russian place names the matcher missed in their other cases (the Non-Self-Governing Territories, December 2026):
# Snowball cuts Гуам to гу, fewer letters than the index holds, but Гуама, Гуаме to гуам, so those never met the
# term; and the dictionary reads Сахара mostly as сахар ("sugar"), whose forms lack Сахары, the place's genitive.
@pytest.mark.parametrize(("text", "entry"), [
    ("Законодательным собранием Гуама", "gu"), ("в Гуаме", "gu"), ("Гуаму", "gu"), ("Гуам", "gu"),
    ("народ Западной Сахары", "eh"), ("в Западной Сахаре", "eh"), ("Западная Сахара", "eh"),
])  # fmt: skip
def test_russian_place_names_with_short_stems_or_rare_place_readings(text: str, entry: str) -> None:
    g = Glossary([Entry("gu", (Term("Гуам", "ru"),), subject="place-name"),
                  Entry("eh", (Term("Западная Сахара", "ru"),), subject="place-name")])  # fmt: skip
    assert [m.entry.id for m in find_terms(g, text, "ru")] == [entry]
    assert find_terms(g, "гуава и сахар", "ru") == []
