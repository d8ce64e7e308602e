"""How values get garbled on their way into an export: pure transformations.

Each function takes a correct value and returns the garbled one; whether to
garble is decided by `noise.Noise` with the rates of `rates.ErrorRates`.
"""

from __future__ import annotations

from functools import cache
from random import Random

import opencc

from resolution.synthetic.names import SEPARATOR

# fmt: off
_HOMOPHONE_GROUPS = (
    # surnames and the characters a call-taker types for them (tones are not heard reliably)
    "张章彰", "王汪", "李黎理", "刘柳留", "陈晨辰臣沉", "杨阳扬洋", "黄皇煌", "赵照肇",
    "吴吾伍武", "周州舟", "徐许", "孙荪", "马玛码", "朱诸祝竹珠", "胡湖壶", "郭国", "何和贺禾",
    "高皋郜", "林琳霖麟", "罗骆洛", "郑正政", "梁良粱", "谢解", "宋颂送", "唐汤堂棠",
    "韩寒涵含晗", "冯凤峰锋丰枫风", "邓登", "曹草", "彭鹏蓬", "曾增", "肖萧晓小筱", "田甜",
    "董东冬栋", "袁元原源园媛", "潘盘攀", "于余鱼俞宇雨羽语玉钰煜昱", "蒋江姜疆", "蔡菜彩",
    "杜度渡", "叶业夜", "程成城诚承", "苏素", "魏卫韦伟玮炜巍薇维威", "吕旅侣", "丁顶鼎",
    "任仁人", "姚尧瑶遥", "卢陆路鲁露璐", "钟仲忠中", "谭谈", "范樊凡帆", "金今锦瑾谨",
    "晶京静婧菁靖敬", "石史时施诗", "贾甲佳嘉家加", "夏霞侠", "付傅符富复", "方芳放",
    "白柏", "孟梦", "熊雄", "秦琴勤芹", "邱丘秋仇", "尹殷银", "薛雪学", "闫严颜阎",
    "段端", "侯候厚", "龙隆珑", "陶涛韬滔桃", "顾古谷", "毛茅", "龚宫弓功", "邵少绍",
    "万晚", "钱前乾", "区欧鸥", "单善", "朴瓢", "查扎", "楼娄", "应英莹瑛颖樱影",
    # given-name characters
    "娜纳", "敏民珉闽", "强蔷", "磊蕾垒", "军君钧俊骏峻", "勇永涌", "艳燕雁彦", "杰洁婕捷",
    "娟鹃涓", "明铭鸣名", "超朝", "秀绣", "华桦骅", "平萍苹", "刚钢纲", "桂贵",
    "兰岚澜蓝", "玲灵翎铃", "浩昊皓颢", "鑫欣馨新心昕", "婷亭庭", "倩茜", "轩萱宣璇",
    "梓子紫姿", "怡仪宜依奕艺逸毅亦一伊", "博波", "文雯闻汶", "建健剑", "红虹鸿宏洪",
    "梅玫媚", "辉晖慧惠会", "泽择", "思斯丝", "凯恺楷", "斌彬滨", "春纯", "志智芝之",
    "德得", "荣蓉容融", "珍真贞", "淑舒书姝", "云芸韵昀", "亮靓", "飞菲妃霏", "雅亚娅",
    "琪琦淇奇祺", "欢环", "宁凝", "月悦越岳玥", "丽莉俐利力立", "买麦迈", "提题", "艾爱",
)
# fmt: on


def _homophone_table() -> dict[str, str]:
    """Each character to the others it sounds like; groups sharing a character merge."""
    table: dict[str, str] = {}
    for group in _HOMOPHONE_GROUPS:
        members = "".join(dict.fromkeys(group + "".join(table.get(c, "") for c in group)))
        for char in members:
            table[char] = "".join(dict.fromkeys(table.get(char, "") + members)).replace(char, "")
    return table


HOMOPHONES = _homophone_table()


def has_homophone(name: str) -> bool:
    return any(char in HOMOPHONES for char in name)


def homophone(name: str, rng: Random) -> str:
    """One character replaced by a character that sounds the same."""
    at = rng.choice([i for i, char in enumerate(name) if char in HOMOPHONES])
    return name[:at] + rng.choice(HOMOPHONES[name[at]]) + name[at + 1 :]


@cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    return _to_traditional().convert(text)


def has_traditional(text: str) -> bool:
    return traditional(text) != text


_SPACES = (" ", "\u3000")


def stray_space(name: str, rng: Random) -> str:
    """A half- or full-width space inside the name, or trailing/leading."""
    space = rng.choice(_SPACES)
    at = rng.choice([0, len(name)] + list(range(1, len(name))) * 2)
    return name[:at] + space + name[at:]


_SEPARATOR_VARIANTS = ("•", ".", "・", "")


def is_separated(name: str) -> bool:
    return SEPARATOR in name


def separator_variant(name: str, rng: Random) -> str:
    return name.replace(SEPARATOR, rng.choice(_SEPARATOR_VARIANTS))


_FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def full_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)


def spaced_id(id_number: str, rng: Random) -> str:
    """Spaces where an officer paused: after the region, after the birth date, or both."""
    cuts = rng.choice(((6,), (14,), (6, 14), (6, 10, 14)))
    parts, start = [], 0
    for cut in (*cuts, len(id_number)):
        parts.append(id_number[start:cut])
        start = cut
    return " ".join(parts)


_PHONE_FORMATS = (
    lambda p: "+86" + p,
    lambda p: "+86 " + p,
    lambda p: "86-" + p,
    lambda p: f"{p[:3]} {p[3:7]} {p[7:]}",
    lambda p: f"{p[:3]}-{p[3:7]}-{p[7:]}",
    lambda p: f"+86 {p[:3]} {p[3:7]} {p[7:]}",
)


def formatted_phone(phone: str, rng: Random) -> str:
    """+86, 86-, spaces or dashes in a mobile number."""
    return rng.choice(_PHONE_FORMATS)(phone)
