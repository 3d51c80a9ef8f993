"""Numbers written as words ("twelve", "douze", "двенадцати", "اثني عشر", "十二个"), as the anchor ``N:12``.

One version of a UN text often spells out a number that another writes in digits, and small numbers are spelled
out in every language: as anchors they meet each other and the digits of :func:`tmtool.align.features.anchors`.
Only 2 to 20 and the tens are read (no compounds such as "twenty-five"); "one" is left out, being an article or a
pronoun in most of these languages, and so are words that are also common other words ("once" in English), and
"hundred", which UN texts mostly write in "per cent".
"""

from __future__ import annotations

import re

__all__ = ["number_words"]

# value: word forms per language (en, fr, es, de, ru with its case endings); matched as whole words, case-folded
_WORDS: dict[int, str] = {
    2: "two deux dos zwei два две двух двум двумя",
    3: "three trois tres drei три трех трёх трем трём тремя",
    4: "four quatre cuatro vier четыре четырех четырёх четырем четырём четырьмя",
    5: "five cinq cinco fünf пять пяти пятью",
    6: "six seis sechs шесть шести шестью",
    7: "seven sept siete sieben семь семи семью",
    8: "eight huit ocho acht восемь восьми восемью",
    9: "nine nueve neun девять девяти девятью",
    10: "ten dix diez zehn десять десяти десятью",
    11: "eleven onze одиннадцать одиннадцати",
    12: "twelve douze doce zwölf двенадцать двенадцати",
    13: "thirteen treize trece dreizehn тринадцать тринадцати",
    14: "fourteen quatorze catorce vierzehn четырнадцать четырнадцати",
    15: "fifteen quinze quince fünfzehn пятнадцать пятнадцати",
    16: "sixteen seize dieciséis sechzehn шестнадцать шестнадцати",
    17: "seventeen diecisiete siebzehn семнадцать семнадцати",
    18: "eighteen dieciocho achtzehn восемнадцать восемнадцати",
    19: "nineteen diecinueve neunzehn девятнадцать девятнадцати",
    20: "twenty vingt veinte zwanzig двадцать двадцати",
    30: "thirty trente treinta dreißig тридцать тридцати",
    40: "forty quarante cuarenta vierzig сорок сорока",
    50: "fifty cinquante cincuenta fünfzig пятьдесят пятидесяти",
    60: "sixty soixante sesenta sechzig шестьдесят шестидесяти",
    70: "seventy setenta siebzig семьдесят семидесяти",
    80: "eighty ochenta achtzig восемьдесят восьмидесяти",
    90: "ninety noventa neunzig девяносто девяноста",
}
_VALUE = {w: v for v, forms in _WORDS.items() for w in forms.split()}
_WORD = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, _VALUE), key=len, reverse=True)) + r")(?!\w)", re.I)

# Arabic: units with their feminine forms, the teens as two words, tens with both case endings; a conjunction or
# preposition may be joined to the front (وثلاثة "and three", بخمسة "with five")
_AR_UNITS = {
    2: "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي", 3: "ثلاث ثلاثة", 4: "أربع أربعة اربع اربعة",
    5: "خمس خمسة", 6: "ست ستة", 7: "سبع سبعة", 8: "ثماني ثمانية ثمان", 9: "تسع تسعة",
}
_AR_TENS = {
    20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "أربعون أربعين اربعون اربعين", 50: "خمسون خمسين",
    60: "ستون ستين", 70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين",
}
_AR_VALUE = {w: v for v, forms in (_AR_UNITS | _AR_TENS).items() for w in forms.split()}
_AR_VALUE |= {"أحد": 1, "إحدى": 1, "احد": 1, "احدى": 1}  # only as the first word of eleven
_AR_WORD = "|".join(sorted(_AR_VALUE, key=len, reverse=True))
_AR_ALONE = r"(?<![\u0621-\u064a])[وفبل]?"  # not inside a word, but after a joined conjunction or preposition
_AR_END = r"(?![\u0621-\u064a])"
_ARABIC = re.compile(rf"{_AR_ALONE}({_AR_WORD})(?:\s+(عشر|عشرة))?{_AR_END}|{_AR_ALONE}(عشر|عشرة){_AR_END}")

# Chinese: a numeral before a measure word or a noun that counts (十二个领域 "twelve areas", 两年 "two years")
_HAN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_COUNTED = "个项名次年种国位条份天周人届倍类点部层级家所章段节批组"  # measure words and counted nouns
_HAN = re.compile(rf"([二两三四五六七八九]?十[一二三四五六七八九]?|[二两三四五六七八九])(?=[{_HAN_COUNTED}])")


def _han_value(text: str) -> int:
    if "十" not in text:
        return _HAN_DIGIT[text]
    tens, _, units = text.partition("十")
    return 10 * (_HAN_DIGIT[tens] if tens else 1) + (_HAN_DIGIT[units] if units else 0)


def number_words(text: str) -> list[str]:
    """The numbers spelled out in ``text``, as ``N:<value>`` features (each value once)."""
    out = [f"N:{_VALUE[m.group(1).lower()]}" for m in _WORD.finditer(text)]
    for m in _ARABIC.finditer(text):
        if m.group(3):  # عشر/عشرة alone: ten
            out.append("N:10")
            continue
        value = _AR_VALUE[m.group(1)]
        if m.group(2):
            out.append(f"N:{value + 10}" if value < 10 else f"N:{value}")
        elif value != 1:
            out.append(f"N:{value}")
    out.extend(f"N:{_han_value(m.group(1))}" for m in _HAN.finditer(text))
    return list(dict.fromkeys(out))
