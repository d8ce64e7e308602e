"""Chinese personal names as a city's registry holds them.

Surnames follow the national frequency table (with local surnames boosted,
compound and polyphonic surnames included). Given names follow the fashion of
the birth year: 建国 and 秀英 for grandparents, 伟 and 丽 for parents, 梓涵 for
children; siblings may share a generation character, twins nearly always do.
Minority families name as their people do: Uyghur and Kazakh names are the
person's name and the father's joined by `·`, Tibetan names have no surname.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from resolution.synthetic.sampling import Weighted

# fmt: off
SURNAMES = Weighted.of({
    "王": 71, "李": 70, "张": 67, "刘": 54, "陈": 55, "杨": 31, "赵": 23, "黄": 22, "周": 21,
    "吴": 20, "徐": 17, "孙": 15, "胡": 13, "朱": 13, "高": 12, "林": 12, "何": 12, "郭": 11,
    "马": 11, "罗": 9, "梁": 8, "宋": 7, "郑": 7, "谢": 7, "韩": 6, "唐": 6, "冯": 6, "于": 6,
    "董": 5, "萧": 1, "程": 5, "曹": 5, "袁": 5, "邓": 5, "许": 5, "傅": 4, "沈": 6, "曾": 4,
    "彭": 4, "吕": 4, "苏": 4, "卢": 4, "蒋": 4, "蔡": 4, "贾": 3, "丁": 3, "魏": 3, "薛": 3,
    "叶": 5, "阎": 2, "余": 3, "潘": 3, "杜": 3, "戴": 3, "夏": 3, "钟": 3, "汪": 4, "田": 3,
    "任": 3, "姜": 3, "范": 3, "方": 4, "石": 3, "姚": 3, "谭": 3, "廖": 2, "邹": 2, "熊": 2,
    "金": 4, "陆": 3, "郝": 2, "孔": 2, "白": 2, "崔": 2, "康": 2, "毛": 3, "邱": 2, "秦": 2,
    "江": 2, "史": 2, "顾": 3, "侯": 2, "邵": 2, "孟": 2, "龙": 2, "万": 2, "段": 2, "章": 3,
    "钱": 3, "汤": 2, "尹": 2, "黎": 1, "易": 1, "常": 1, "武": 1, "乔": 1, "贺": 1, "赖": 1,
    "龚": 2, "文": 1, "应": 2, "楼": 1, "俞": 2, "严": 2, "葛": 2, "屠": 1, "骆": 1,
    # polyphonic surnames: read differently as a surname than as a word
    "单": 1, "解": 1, "仇": 1, "区": 0.3, "朴": 0.3, "查": 1, "盖": 0.3, "缪": 0.5, "翟": 0.8,
    "乐": 0.5, "覃": 0.5, "尉": 0.2, "员": 0.1, "繁": 0.1,
    # compound surnames
    "欧阳": 0.6, "司马": 0.2, "诸葛": 0.2, "上官": 0.2, "尉迟": 0.1, "东方": 0.1, "皇甫": 0.2,
    "慕容": 0.05, "令狐": 0.05, "司徒": 0.2, "夏侯": 0.1, "公孙": 0.05, "端木": 0.05, "申屠": 0.3,
})
# fmt: on

# fmt: off
_POPULAR: dict[tuple[int, str], tuple[str, ...]] = {
    (1955, "M"): ("建国", "国庆", "德明", "福根", "金根", "水根", "荣华", "国华", "建华", "树林",
                  "文华", "永康", "根宝", "德胜", "宝林", "海根", "阿毛", "志明", "长生", "和平"),
    (1955, "F"): ("秀英", "桂英", "玉兰", "桂兰", "秀兰", "凤英", "彩英", "月娥", "美娟", "素珍",
                  "淑珍", "金凤", "菊英", "雪娟", "巧英", "爱华", "阿娣", "翠英", "秀珍", "美英"),
    (1975, "M"): ("建华", "建平", "伟", "强", "军", "勇", "卫东", "红军", "志刚", "国平",
                  "海军", "建军", "建明", "文斌", "立新", "晓东", "永明", "国强", "卫国", "建新"),
    (1975, "F"): ("丽", "红", "芳", "敏", "燕", "萍", "丽华", "秀芳", "红梅", "美华", "建英",
                  "亚萍", "雪芬", "丽萍", "彩萍", "慧芳", "红霞", "利萍", "小红", "月芳"),
    (1995, "M"): ("磊", "涛", "杰", "斌", "超", "鹏", "伟", "强", "勇", "浩", "波", "峰", "亮",
                  "刚", "俊", "凯", "晓峰", "海涛", "志伟", "建锋", "俊杰", "文杰", "伟强", "军"),
    (1995, "F"): ("静", "丽", "婷", "娜", "敏", "燕", "艳", "霞", "娟", "莉", "倩", "颖", "洁",
                  "晶", "丹", "佳", "蕾", "晓燕", "丽娟", "雅琴", "晓丽", "婷婷", "佳佳", "芳"),
    (2010, "M"): ("浩", "宇", "杰", "鑫", "帅", "博", "昊", "俊杰", "浩然", "子豪", "宇航",
                  "家豪", "天宇", "文博", "晨阳", "嘉豪", "一帆", "思远", "志豪", "梓豪"),
    (2010, "F"): ("婷", "雪", "倩", "雨", "琪", "欣", "悦", "佳琪", "雨欣", "欣怡", "梦瑶",
                  "诗琪", "思雨", "雨婷", "可欣", "佳怡", "紫涵", "雨涵", "梦婷", "心怡"),
    (9999, "M"): ("梓轩", "子轩", "浩宇", "宇轩", "沐辰", "一鸣", "俊熙", "宇泽", "奕辰", "子墨",
                  "浩然", "梓睿", "睿泽", "皓轩", "铭泽", "一诺", "宇辰", "梓航", "沐阳", "锦程"),
    (9999, "F"): ("梓涵", "一诺", "欣怡", "若汐", "依诺", "子涵", "语桐", "可馨", "梓萱", "诗涵",
                  "雨桐", "芷若", "思琪", "沐瑶", "梦琪", "欣妍", "语嫣", "梓琪", "安琪", "诗雨"),
}
"""Popular given names by the last birth year of their era and gender."""
# fmt: on

# fmt: off
_CHARACTERS = {
    "M": "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发"
         "武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心"
         "邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦奇之翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏"
         "泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘宇轩睿铭锦瑞凯",
    "F": "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞"
         "香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁"
         "蓓仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨琰韵园艺咏卿澜纯毓悦昭冰爽琬茗羽希宁欣滢馥筠柔竹凝"
         "晓欢枫芸菲寒伊亚宜可舒影荔丽妮宝贝灵媚琪晴容萱雯彦雨曼紫逸蝶菡思涵诗语",
}
# fmt: on

_SINGLE_CHARACTER_SHARE = ((1955, 0.15), (1975, 0.35), (1995, 0.40), (2010, 0.30), (9999, 0.08))

# fmt: off
COMMON_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("张", "M"): ("伟", "勇", "磊", "杰", "涛", "强"), ("张", "F"): ("敏", "静", "丽", "秀英", "艳"),
    ("王", "M"): ("伟", "磊", "强", "勇", "军", "涛"), ("王", "F"): ("芳", "静", "丽", "敏", "秀英", "艳"),
    ("李", "M"): ("伟", "强", "军", "杰", "明", "勇"), ("李", "F"): ("娜", "静", "敏", "秀英", "娟", "丽"),
    ("刘", "M"): ("伟", "洋", "勇", "杰", "军"), ("刘", "F"): ("芳", "敏", "丽", "艳", "秀英"),
    ("陈", "M"): ("伟", "杰", "勇", "强", "刚"), ("陈", "F"): ("静", "丽", "敏", "燕", "红"),
    ("杨", "M"): ("伟", "勇", "帆"), ("杨", "F"): ("静", "丽", "洋"),
    ("赵", "M"): ("伟", "磊"), ("赵", "F"): ("静", "丽"),
    ("黄", "M"): ("伟", "勇"), ("黄", "F"): ("丽", "敏"),
}
"""The full names that thousands of unrelated people share (张伟, 王芳, 李娜...)."""
# fmt: on


@dataclass(frozen=True)
class Ethnicity:
    name: str
    weight: float
    """Share among minority households."""
    style: str
    """"han" (surname + given name), "separated" (name·father's name), "tibetan", "mongol"."""
    surnames: tuple[str, ...] = ()
    """For Han-style names: the surnames common among this people."""


# fmt: off
MINORITIES: tuple[Ethnicity, ...] = (
    Ethnicity("畲族", 0.14, "han", ("蓝", "雷", "钟")),
    Ethnicity("土家族", 0.14, "han", ("向", "田", "彭", "覃", "冉", "张")),
    Ethnicity("苗族", 0.14, "han", ("龙", "吴", "杨", "石", "麻", "王")),
    Ethnicity("回族", 0.10, "han", ("马", "白", "哈", "纳", "穆", "李")),
    Ethnicity("壮族", 0.08, "han", ("韦", "覃", "黄", "陆", "农", "蒙")),
    Ethnicity("布依族", 0.07, "han", ("韦", "王", "罗", "岑", "杨")),
    Ethnicity("侗族", 0.05, "han", ("吴", "杨", "石", "龙")),
    Ethnicity("满族", 0.06, "han", ("关", "佟", "那", "金", "赵", "富")),
    Ethnicity("维吾尔族", 0.14, "separated"),
    Ethnicity("哈萨克族", 0.03, "separated"),
    Ethnicity("蒙古族", 0.03, "mongol", ("包", "白", "鲍", "韩")),
    Ethnicity("藏族", 0.02, "tibetan"),
    Ethnicity("彝族", 0.0, "han", ("吉", "阿", "沙", "马", "曲", "海", "罗")),
)
# fmt: on
HAN = Ethnicity("汉族", 1.0, "han")

# fmt: off
_SEPARATED = {
    "M": ("买买提", "艾力", "阿卜杜拉", "吐尔逊", "依明", "麦合木提", "阿迪力", "艾尔肯", "努尔买买提",
          "阿不都热合曼", "亚森", "吾买尔", "伊力哈木", "热合曼", "艾山", "阿里木", "玉素甫", "卡德尔",
          "努尔兰", "叶尔兰", "哈那提", "达吾列提"),
    "F": ("阿依古丽", "热依拉", "古丽娜尔", "帕提古丽", "迪丽娜尔", "米合热阿依", "阿依努尔",
          "努尔古丽", "祖丽皮娅", "热娜", "阿依夏木", "古再丽努尔", "布佐热", "加米拉", "阿依达娜",
          "古丽巴哈尔"),
}
# fmt: on
_TIBETAN_FIRST = ("次仁", "格桑", "尼玛", "达瓦", "白玛", "索朗", "扎西", "旦增", "央金")
_TIBETAN_SECOND = {
    "M": ("多吉", "平措", "顿珠", "扎西", "罗布", "边巴", "旺堆"),
    "F": ("卓玛", "拉姆", "德吉", "曲珍", "央宗", "措姆", "玉珍"),
}
_MONGOL = {
    "M": ("巴特尔", "苏和", "额尔敦", "朝鲁", "宝音", "毕力格", "那顺", "巴雅尔"),
    "F": ("其其格", "乌兰", "图雅", "萨仁", "娜仁花", "斯琴", "塔娜", "高娃"),
}

SEPARATOR = "·"
"""The registry's separator between the parts of a minority name (U+00B7)."""


def _era(table: dict[tuple[int, str], tuple[str, ...]], year: int, gender: str) -> tuple[str, ...]:
    return next(names for (until, g), names in table.items() if g == gender and year <= until)


def pick_surname(rng: Random, local: tuple[str, ...]) -> str:
    if local and rng.random() < 0.12:
        return rng.choice(local)
    return SURNAMES.pick(rng)


def given_name(rng: Random, gender: str, year: int, generation: str | None = None) -> str:
    """A given name in fashion for the birth year; with `generation`, it starts with it."""
    chars = _CHARACTERS[gender]
    if generation:
        return generation + rng.choice(chars.replace(generation, ""))
    if rng.random() < 0.4:
        return rng.choice(_era(_POPULAR, year, gender))
    single = next(share for until, share in _SINGLE_CHARACTER_SHARE if year <= until)
    if rng.random() < single:
        return rng.choice(chars)
    return rng.choice(chars) + rng.choice(chars)


def generation_character(rng: Random, gender: str) -> str:
    return rng.choice(_CHARACTERS[gender])


def common_given_name(rng: Random, surname: str, gender: str) -> str | None:
    """One of the surname's very common given names, or None when it has none."""
    names = COMMON_NAMES.get((surname, gender))
    return rng.choice(names) if names else None


def minority_name(rng: Random, style: str, gender: str, father: str | None) -> str:
    """A name for the styles without a Han surname; `father` is the father's own name part."""
    if style == "separated":
        return rng.choice(_SEPARATED[gender]) + SEPARATOR + (father or rng.choice(_SEPARATED["M"]))
    if style == "tibetan":
        return rng.choice(_TIBETAN_FIRST) + rng.choice(_TIBETAN_SECOND[gender])
    return rng.choice(_MONGOL[gender])


def own_name_part(name: str) -> str:
    """The person's own part of a separated name (what their children carry after ·)."""
    return name.split(SEPARATOR)[0]


def placeholder(rng: Random, surname: str, gender: str) -> str:
    """A placeholder a call-taker writes for someone not identified: names nobody."""
    kind = rng.random()
    if kind < 0.35:
        return surname + "某"
    if kind < 0.55:
        return surname + "某某"
    if kind < 0.85:
        return surname + ("先生" if gender == "M" else "女士")
    if kind < 0.92:
        return surname + "师傅"
    return "无名氏"


def polite_form(surname: str, gender: str) -> str:
    """How a caller who gives only the surname is written: 王先生, 王女士."""
    return surname + ("先生" if gender == "M" else "女士")
