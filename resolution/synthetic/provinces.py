"""The provinces a synthetic city can be in, each with its own districts and address habits.

`generate(..., provinces=("zhejiang",))` is the default city (Hangzhou and 诸暨); naming
several spreads the compounds over their districts, as a provincial or national test set
would be. What differs by province is what a bureau there sees: county-level cities
written without their prefecture (溧阳市), autonomous prefectures (伊犁哈萨克自治州,
凉山彝族自治州), roads in sections (人民南路四段), how flats are written (栋 and 座 and 房
in Guangdong, 号楼 in Xinjiang), and, in an autonomous region, settled minority households
with their own names. Districts, streets and roads are real; compounds are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from resolution.synthetic.divisions import DISTRICTS, ZHEJIANG_ELSEWHERE, District
from resolution.synthetic.sampling import Weighted


@dataclass(frozen=True)
class Province:
    key: str
    districts: tuple[District, ...]
    elsewhere: tuple[str, ...]
    """Region codes of the province's places outside the city: locals born there carry them."""
    building_words: tuple[str, ...] = ("栋", "号楼")
    """What callers write for 幢 when they do not write 幢."""
    room_words: tuple[str, ...] = ("号", "")
    """What callers write for 室 when they do not write 室."""
    minority: float | None = None
    """Share of minority households, when it differs from WorldRates.minority."""
    minorities: tuple[tuple[str, float], ...] = ()
    """The minorities settled here (not floating population), with their shares; empty for the
    national mix of MINORITIES."""
    settled: tuple[str, ...] = ("回族", "满族", "畲族")
    """Minorities whose families are long settled here; others arrived as floating population."""

    def pick_district(self) -> Weighted[District]:
        return Weighted.by(self.districts, lambda d: d.weight)


JIANGSU, GUANGDONG, SICHUAN, XINJIANG = "江苏省", "广东省", "四川省", "新疆维吾尔自治区"

# fmt: off
_JIANGSU = (
    District("320481", JIANGSU, "常州市", "溧阳市", 0.40,
             ("溧城街道", "昆仑街道", "古县街道", "天目湖镇", "埭头镇"),
             ("南京大道", "燕山路", "平陵路", "昆仑北路", "罗湾路", "东大街", "育才路"),
             villages=("社渚镇/青峰村", "社渚镇/河口村", "天目湖镇/桂林村", "别桥镇/塘马村"),
             surnames=("史", "狄", "彭", "芮"),
             legacy=(("320423", 1990),)),
    District("320402", JIANGSU, "常州市", "天宁区", 0.30,
             ("茶山街道", "青龙街道", "红梅街道", "天宁街道", "雕庄街道"),
             ("延陵东路", "关河东路", "青洋北路", "红梅路", "竹林北路", "东横街")),
    District("320412", JIANGSU, "常州市", "武进区", 0.30,
             ("湖塘镇", "牛塘镇", "南夏墅街道", "西湖街道"),
             ("常武中路", "人民中路", "花园街", "长虹路", "定安中路"),
             villages=("嘉泽镇/跃进村", "前黄镇/杨桥村"),
             legacy=(("320483", 2002),)),
)
_GUANGDONG = (
    District("440106", GUANGDONG, "广州市", "天河区", 0.40,
             ("石牌街道", "林和街道", "天河南街道", "员村街道", "棠下街道"),
             ("天河路", "体育西路", "中山大道西", "黄埔大道西", "天河北路", "龙口西路")),
    District("440113", GUANGDONG, "广州市", "番禺区", 0.30,
             ("市桥街道", "大石街道", "洛浦街道", "南村镇"),
             ("清河东路", "兴泰路", "市桥路", "番禺大道北", "东环路"),
             surnames=("梁", "何", "冼", "麦"),
             legacy=(("440181", 2000),)),
    District("440606", GUANGDONG, "佛山市", "顺德区", 0.30,
             ("大良街道", "容桂街道", "伦教街道", "勒流街道"),
             ("德民路", "南国东路", "凤山中路", "容奇大道", "顺峰路"),
             villages=("均安镇/仓门村", "杏坛镇/逢简村", "乐从镇/沙滘村"),
             surnames=("梁", "何", "罗", "麦", "冼"),
             legacy=(("440681", 2002),)),
)
_SICHUAN = (
    District("510107", SICHUAN, "成都市", "武侯区", 0.35,
             ("浆洗街街道", "玉林街道", "红牌楼街道", "簇桥街道", "火车南站街道"),
             ("人民南路四段", "武侯祠大街", "玉林北路", "高升桥路", "一环路南四段", "科华北路")),
    District("510108", SICHUAN, "成都市", "成华区", 0.35,
             ("猛追湾街道", "跳蹬河街道", "双桥子街道", "府青路街道"),
             ("建设路", "府青路二段", "二环路东二段", "双林路", "蜀都大道")),
    District("513401", SICHUAN, "凉山彝族自治州", "西昌市", 0.30,
             ("长安街道", "北城街道", "西城街道", "安宁镇"),
             ("航天大道三段", "胜利路", "三岔口南路", "长安中路", "马水河路"),
             villages=("安宁镇/馆沟村", "川兴镇/赶羊村", "礼州镇/田坝村"),
             surnames=("吉", "阿", "沙", "马")),
)
_XINJIANG = (
    District("650102", XINJIANG, "乌鲁木齐市", "天山区", 0.40,
             ("解放南路街道", "胜利路街道", "和平路街道", "团结路街道"),
             ("解放南路", "新华南路", "中山路", "人民路", "胜利路", "团结路")),
    District("650103", XINJIANG, "乌鲁木齐市", "沙依巴克区", 0.30,
             ("友好南路街道", "炉院街街道", "西山街道", "长江路街道"),
             ("友好南路", "西北路", "扬子江路", "长江路", "奇台路")),
    District("654002", XINJIANG, "伊犁哈萨克自治州", "伊宁市", 0.30,
             ("解放路街道", "墩买里街道", "喀赞其街道", "艾兰木巴格街道"),
             ("解放路", "斯大林街", "新华西路", "阿合买提江街", "飞机场路"),
             villages=("潘津镇/潘津村", "英也尔镇/英也尔村")),
)
# fmt: on

PROVINCES: dict[str, Province] = {
    "zhejiang": Province("zhejiang", DISTRICTS, ZHEJIANG_ELSEWHERE),
    "jiangsu": Province(
        "jiangsu", _JIANGSU, ("320102", "320205", "320302", "320506", "320602", "321002")
    ),
    "guangdong": Province(
        "guangdong",
        _GUANGDONG,
        ("440303", "440402", "441302", "441900", "442000", "445102"),
        building_words=("栋", "座"),
        room_words=("房", ""),
    ),
    "sichuan": Province(
        "sichuan",
        _SICHUAN,
        ("510302", "510502", "510603", "510704", "511302", "511702"),
        room_words=("号", ""),
        minority=0.08,
        minorities=(("彝族", 0.7), ("藏族", 0.2), ("回族", 0.1)),
        settled=("彝族", "藏族", "回族"),
    ),
    "xinjiang": Province(
        "xinjiang",
        _XINJIANG,
        ("650104", "650105", "652301", "653101", "654202", "652801"),
        building_words=("号楼", "栋"),
        minority=0.55,
        minorities=(("维吾尔族", 0.72), ("哈萨克族", 0.18), ("回族", 0.1)),
        settled=("维吾尔族", "哈萨克族", "回族"),
    ),
}
"""Every province the generator knows, by the key `--provinces` takes."""
DEFAULT_PROVINCES = ("zhejiang",)
