"""Segment features: anchors must be equal across scripts and digit systems."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tmtool.align.features import anchors


def test_arabic_indic_and_full_width_digits_are_the_same_numbers():
    nums = lambda text: sorted(f for f in anchors(text) if f.startswith("N:"))  # noqa: E731
    assert nums("١٣-١٧ نيسان/أبريل ٢٠١٥") == nums("13-17 April 2015") == ["N:13", "N:17", "N:2015"]
    assert nums("２０１５年６日") == nums("6 March 2015")


def test_reversed_thousands_groups_of_arabic_text_meet_the_number():
    nums = lambda text: {f for f in anchors(text) if f.startswith("N:")}  # noqa: E731
    # as the UN dev Arabic writes them: 1,641,294 km2 and 3,444,250 dollars, groups in right-to-left order
    assert nums("المنطقة الاقتصادية الخالصة: 294 641 1 كلم2.") == {"N:1641294", "N:2"}
    assert nums("البالغ 250 444 3 دولارا") == nums("amounting to $3,444,250") == {"N:3444250"}
    # all groups of three digits: either order may be meant, both are kept
    assert {"N:288300", "N:300288"} <= nums("مبلغ ٣٠٠ ٢٨٨ دولار")
    # only Arabic text is read that way; a year beside a number is no group
    assert nums("Zone économique exclusive : 1 641 294 km2") == {"N:1641294", "N:2"}
    assert nums("في عام 2015 بلغ 822") == {"N:2015", "N:822"}


def test_month_of_a_date_is_an_anchor_in_every_language():
    from tmtool.align.features import months

    dates = ["6 March 2015", "le 6 mars 2015", "6 de marzo de 2015", "6 марта 2015 года", "6 آذار/مارس 2015",
             "2015年3月6日"]
    assert [months(d) for d in dates] == [["M:3"]] * len(dates)
    assert months("Member States may wish to act") == []  # a month name counts only next to a number


def test_latin_names_inside_chinese_text_are_cognates():
    from tmtool.align.features import cognates

    zh = cognates("美洲法院对Kuna de Madugandí和Emberá de Bayano土著领地纠纷案", "Han")
    en = cognates("the Kuna de Madugandí and Emberá de Bayano indigenous territories", "Latin")
    assert set(zh) and set(zh) <= set(en)


def test_names_in_arabic_letters_meet_their_latin_spelling():
    from tmtool.align.features import skeletons

    assert set(skeletons("بوجومبورا ونيروبي", "Arabic")) == set(skeletons("Bujumbura and Nairobi", "Latin"))
    assert skeletons("the committee met", "Latin") == []  # only capitalised words (names) on the Latin side


def test_a_few_letters_of_ocr_debris_are_no_cut_paragraph():
    from tmtool.align.features import cut_after

    assert cut_after(["Draft decision submitted", "by the Co-Chairs"]).tolist() == [1.0, 0.0]
    assert cut_after(["JfV", ",r", "m", "é » ."]).tolist() == [0.0, 0.0, 0.0, 0.0]
    assert cut_after(["Kangchenjunga ( Kangchendzönga ) Arête nord , vue du voisinage du sommet", "f r"])[0] == 0.0


def test_a_bracket_left_open_and_closed_by_a_following_piece_is_a_cut():
    from tmtool.align.features import bracket_cuts, cut_after

    pieces = ["Das hübsche Buch ( « Makalu » , Grenoble-Paris :", "B.Arthaud ) , jetzt auch deutsch ( Zürich :",
              "Orell Füssli 1956 ) vorliegt .", "Der Gipfel ( 8470 m ) ist hoch ."]
    assert bracket_cuts(pieces).tolist() == [1.0, 1.0, 0.0, 0.0]
    assert cut_after(pieces).tolist() == [1.0, 1.0, 0.0, 0.0]  # an upper-case start: no other rule sees these
    # closed one or two pieces later (the pieces between are cut too); not when it closes too far away, or a
    # layout line comes between, or the bracket was closed in the piece itself
    assert bracket_cuts(["Alpine Journal ( No .", "293 , Nov .", "1956 , p. 340 ) ."]).tolist() == [1.0, 1.0, 0.0]
    assert bracket_cuts(["See ( No .", "a .", "b .", "c .", "d ) ."]).tolist() == [0.0] * 5
    assert bracket_cuts(["See the report ( annex", "12", "and table ) ."]).tolist() == [0.0] * 3
    assert bracket_cuts(["A ( b ) c .", "d ) e ."]).tolist() == [0.0, 0.0]
    assert bracket_cuts(["《公约》 第 3 条 (", "见附件 ) 。"]).tolist() == [1.0, 0.0]


def test_german_quotes_the_other_way_round_are_read_that_way():
    from tmtool.align.features import bracket_cuts

    # »...« (German): a closing « is no opening guillemet left open
    assert bracket_cuts(["Er sagte »Hallo« und ging .", "Sie rief »Komm« ."]).tolist() == [0.0, 0.0]
    assert bracket_cuts(["Er sagte »Hallo« und dann »Komm", "her« ."]).tolist() == [1.0, 0.0]
    assert bracket_cuts(["Il dit « bonjour", "à tous » ."]).tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    "first, second",
    [
        ("La séance se tiendra le lundi 19", "janvier 2016, à 15 heures, dans la salle du Conseil."),  # date cut
        ("Clinics in the north received 512,", "204 doses during the reporting period."),  # number cut
        ("Les plaintes reçues entre le 3 mars 2014;", "12 avril 2015 et le 7 mai 2015)."),
        ("وقد تلقت العيادات في الشمال ما مجموعه 512،", "204 جرعات خلال الفترة المشمولة بالتقرير."),
    ],
)
def test_a_number_cut_from_its_words_is_a_cut(first, second):
    from tmtool.align.features import cut_after

    assert cut_after([first, second])[0] == 1.0


@pytest.mark.parametrize(
    "first, second",
    [
        ("Review of the evaluation policy", "a) comments on the annual report on evaluation;"),  # list item
        ("Обзор политики в области оценки", "b) рекомендации по ежегодному докладу;"),
        ("Decides to remain seized of the matter,", "2. Requests the Secretary-General to report;"),
        ("مشروع القرار المقدم من الرئيس،", "8- يلاحظ بقلق أن التقارير لم تقدم بعد؛"),
        ("Subject to the provisions of the present resolution;", "15-35980"),  # a job number, not a piece
        ("Subject to the provisions of the present resolution;", "12/19"),  # a page number
    ],
)
def test_a_list_item_or_a_layout_line_after_an_open_end_is_no_cut(first, second):
    from tmtool.align.features import cut_after

    assert cut_after([first, second])[0] == 0.0


def test_numbers_spelled_out_meet_each_other_and_the_digits():
    from tmtool.align.numbers import number_words

    twelve = [
        "made comprehensive commitments under 12 critical areas of concern",
        "made comprehensive commitments under twelve critical areas of concern",
        "des engagements complets en réponse à douze domaines critiques",
        "compromisos amplios en doce esferas de especial preocupación",
        "всеобъемлющие обязательства в двенадцати важнейших областях",
        "تعهدات شاملة في اثني عشر مجالاً من مجالات الاهتمام الحاسمة",
        "在十二个重大关切领域作出了全面承诺",
    ]
    for text in twelve:
        assert "N:12" in anchors(text), text
    assert number_words("وثلاثة أعضاء وعشرة بلدان وعشرين دولة") == ["N:3", "N:10", "N:20"]
    assert number_words("ستة عشر عضوا") == ["N:16"] and number_words("两年 двух лет") == ["N:2"]
    # not numbers: "one" (an article or pronoun), "first", "once", a numeral inside a Chinese word, "per cent"
    assert number_words("Once one of the first session's members, 一些统一, per cent") == []


@example("第十一届会议, 十一个")
@given(st.text(alphabet="一二两三四五六七八九十个届 twenty-nine وعشرينستةثلاث", max_size=30))
def test_number_words_read_any_text(text):
    from tmtool.align.numbers import number_words

    assert all(f.startswith("N:") and int(f[2:]) >= 1 for f in number_words(text))


@pytest.mark.parametrize(
    "text, joined",
    [
        ("Draft decision submitted to the Executive Board 2. Encourages UNICEF to continue its work", True),
        ("4. Other matters. 5. Also at the same meeting, the Committee was informed", True),
        ("Проект решения, представленный Исполнительному совету 2. призывает ЮНИСЕФ продолжать", True),
        ("مشروع مقرر مقدم إلى المجلس التنفيذي 2 - يشجع اليونيسيف على مواصلة", True),
        ("提交执行局的决定草案2. 鼓励儿基会继续加强其内部能力", True),
        ("妇女地位委员会，10. 欢迎民间社会为执行《行动纲要》作出的贡献", True),
        ("2. Encourages UNICEF to continue its work", False),  # a marker at the start is the unit's own
        ("٢ - يشجع اليونيسيف على مواصلة تعزيز قدراتها", False),
        ("It recalls the obligations set out in paragraph 2 e) of resolution 1373 (2001).", False),
        ("Growth was 2.5 per cent in 2014 and 3.1 per cent in 2015.", False),
    ],
)
def test_a_list_marker_inside_a_segment_marks_two_joined_units(text, joined):
    from tmtool.align.features import joined_at

    assert joined_at([text]).tolist() == [1.0 if joined else 0.0]


def test_latin_letters_and_digits_in_chinese_count_a_third() -> None:
    from tmtool.align.features import char_length

    # "S/2015/165" is 10 characters in English and in Chinese; the Chinese words around it are ~3x shorter than English
    assert char_length(["会议收到S/2015/165号文件", "The meeting had document S/2015/165"]).tolist() == pytest.approx(
        [7 + 10 / 3, 31])
    assert char_length(["Сергей Иванов (2015)", "２０１５年"]).tolist() == pytest.approx([18, 1 + 4 / 3])


def test_hashing_noise_falls_with_dimensions_and_a_salt_draws_other_collisions() -> None:
    import numpy as np

    from tmtool.align.features import FeatureHasher

    words = [f"word{i}" for i in range(3000)]
    left = [words[30 * i:30 * (i + 1)] for i in range(50)]  # 100 bags of 30 features, no feature in two bags
    right = [words[1500 + 30 * i:1500 + 30 * (i + 1)] for i in range(50)]
    weight = dict.fromkeys(words, 1.0)

    def noise(dim: int, salt: str) -> float:
        hasher = FeatureHasher(dim, salt)
        u, v = hasher.vectors(left, weight), hasher.vectors(right, weight)
        return float(np.abs(u @ v.T).mean())  # the bags share nothing: every bit of overlap is a collision

    for salt in ("", "a", "b"):
        assert noise(4096, salt) < noise(1024, salt) < noise(256, salt)
    plain, salted = FeatureHasher(64), FeatureHasher(64, "a")
    assert [plain._slot(w) for w in words[:20]] != [salted._slot(w) for w in words[:20]]
    # one bag against itself: its own weight (30) whatever the salt, up to the collisions inside it
    for hasher in (FeatureHasher(4096), FeatureHasher(4096, "a")):
        u = hasher.vectors(left, weight)
        assert np.median((u * u).sum(axis=1)) == 30
