"""Short lists of function words, written for term extraction: a candidate term neither starts nor ends
with one of these, and words of these lists alone are never candidates."""

from __future__ import annotations

__all__ = ["CALENDAR_WORDS", "INNER_STOPS", "LINKING_WORDS", "NUMBER_WORDS", "STOPWORDS"]

_LISTS = {
    "en": """a an the of in on at to for from by with without about against between into through during
        before after above below over under and or but nor not no so as than that this these those which who
        whom whose what when where why how it its is are was were be been being has have had do does did will
        would shall should can could may might must all any both each few more most other some such only own
        same very also their there they them he she his her we our you your i my me us per inter alia via
        upon within among including whether if then thus hereby herewith""",
    "fr": """le la les l un une des du de d au aux et ou mais ni car que qui quoi dont où ce cet cette ces
        son sa ses leur leurs notre nos votre vos mon ma mes il elle ils elles on nous vous je se s en y ne
        pas plus à a dans par pour sur sous avec sans entre vers chez est sont été être a ont avait avaient
        sera seront fait faire comme ainsi aussi très tout tous toute toutes autre autres même lors afin
        selon contre depuis pendant qu c n j m t""",
    "es": """el la los las lo un una unos unas de del al a y e o u ni pero sino que quien quienes cual
        cuales cuyo donde cuando como este esta estos estas ese esa esos esas aquel su sus nuestro nuestra
        nuestros nuestras se en con sin por para sobre entre hacia hasta desde contra durante según es son
        fue fueron ser sido ha han había está están muy más también todo todos toda todas otro otros otra
        otras mismo misma así no le les""",
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее
        мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него
        до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы
        тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого
        какой совсем ним здесь этом один почти мой тем чтобы нее были куда зачем всех никогда можно при
        наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три
        эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно
        всю между также этих его ее их которые который которая которых которой""",
    "ar": """في من إلى على عن مع و أو ثم أن إن كان كانت هذا هذه ذلك تلك التي الذي الذين ما لا لم لن قد
        كل بين عند حتى إذا أي هو هي هم نحن أنا به بها له لها فيه فيها منه منها عليه عليها إلا غير بعد
        قبل حول ضد خلال دون منذ وفي ومن وإلى وعلى كما أما أيضا""",
    # Chinese: characters that start or end no term (each Han character is a word for extraction);
    # 以 (以色列), 和 (和平), 对 (对话), 中, 上 begin terms and are not listed
    "zh": """的 了 着 过 们 与 及 是 或 并 被 把 也 都 而 这 该 此 已 所 之 其 等 在 于 将 从 向 为""",
}
# function characters no term crosses: "的领土", "政权的" are no rendering of "United Nations"
INNER_STOPS: dict[str, frozenset[str]] = {"zh": frozenset("的了着")}
# characters that end no rendering unless the dictionary has a word ending there (共和, 缓和, 总和, 饱和): 和 "and"
# begins terms (和平) and so is no stop word, but 族裔清洗和 ("ethnic cleansing and") was the letter's en-zh
# rendering of "ethnic cleansing"
END_STOPS: dict[str, frozenset[str]] = {"zh": frozenset("和")}
STOPWORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _LISTS.items()}
# number words (parts of "Seventy-eighth", « Soixante-dix-huitième »): never a term on their own
_NUMBERS = {
    "en": """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
        seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
        million billion first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth
        fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth""",
    "fr": """un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize
        vingt vingts trente quarante cinquante soixante cent cents mille million milliard premier première
        deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième onzième douzième
        treizième quatorzième quinzième seizième vingtième trentième quarantième cinquantième soixantième
        centième millième""",
    "es": """uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince
        dieciséis veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento mil millón
        primero primera segundo segunda tercero tercera cuarto cuarta quinto quinta sexto sexta séptimo
        séptima octavo octava noveno novena décimo décima vigésimo vigésima trigésimo trigésima
        cuadragésimo quincuagésimo sexagésimo septuagésimo septuagésima octogésimo nonagésimo centésimo""",
    "ru": """один одна два две три четыре пять шесть семь восемь девять десять двадцать тридцать сорок
        пятьдесят шестьдесят семьдесят восемьдесят девяносто сто тысяча миллион первый первая второй
        вторая третий третья седьмая семьдесят восьмая восьмой седьмой""",
}
NUMBER_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _NUMBERS.items()}

# names of months and days, capitalised in English and German: on the UNPC devset (400 lines, en-fr) March,
# January, October, February and December were 5 of the top 30 "terms"; never a term on their own
_CALENDAR = {
    "en": """january february march april may june july august september october november december monday
        tuesday wednesday thursday friday saturday sunday""",
    "de": """januar jänner februar märz april mai juni juli august september oktober november dezember montag
        dienstag mittwoch donnerstag freitag samstag sonntag""",
}
CALENDAR_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _CALENDAR.items()}
# the function words a lower-case phrase may have inside: prepositions, conjunctions and articles ("rule of
# law", "purposes and principles", « droits de l'homme »), not verbs or pronouns ("peacekeepers are deployed",
# "right to freedom" yes, "everyone has rights" no); a language without a list takes any function word
_LINKING = {
    "en": "of and or for on in to the a an against between with by from at into without among within upon via per",
    "fr": """de du des d la le les l et ou à au aux en pour sur sous contre entre par dans avec sans vers selon
        chez""",
    "es": "de del la las el los lo y e o u a al en para por con sin sobre contra entre hacia según desde hasta",
    "ru": "и или в во на с со по для от до за из к о об при без между над под через",
    "ar": "في من إلى على عن مع و أو بين ضد دون حول",
}
LINKING_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _LINKING.items()}
