"""Real administrative divisions and their GB/T 2260 codes.

The synthetic city is Hangzhou (杭州市) with its districts as of 2021, plus
Zhuji (诸暨市, Shaoxing), the home of 枫桥. Streets (街道/镇) and roads are
real; compounds, villages and house numbers are invented. Resident ID numbers
keep the code of the place of first registration for life, so older people
carry codes of divisions that no longer exist (下城区 330103, 江干区 330104,
余杭市 330184...): `District.id_code(birth_year)` gives the code valid then.
Floating residents come from `ORIGINS`, elsewhere in China.
"""

from __future__ import annotations

from dataclasses import dataclass

ZHEJIANG = "浙江省"


@dataclass(frozen=True)
class District:
    code: str
    province: str
    city: str
    name: str
    weight: float
    """Share of the synthetic city's compounds."""
    streets: tuple[str, ...]
    roads: tuple[str, ...]
    villages: tuple[str, ...] = ()
    """Villages (村) of the district's towns, as "镇/村"; empty for a fully urban district."""
    surnames: tuple[str, ...] = ()
    """Surnames locally more common than the national table says."""
    legacy: tuple[tuple[str, int], ...] = ()
    """(code, last year of issue): the codes people registered here earlier carry."""

    def id_code(self, birth_year: int) -> str:
        """The region code an ID issued to someone born in birth_year carries."""
        registered = max(birth_year, 1985)  # first ID cards were issued from 1984
        for code, until in self.legacy:
            if registered <= until:
                return code
        return self.code


HANGZHOU = "杭州市"

# fmt: off
DISTRICTS: tuple[District, ...] = (
    District("330102", ZHEJIANG, HANGZHOU, "上城区", 0.13,
             ("湖滨街道", "清波街道", "小营街道", "望江街道", "南星街道", "紫阳街道",
              "凯旋街道", "采荷街道", "闸弄口街道", "四季青街道", "笕桥街道", "九堡街道"),
             ("解放路", "延安路", "清泰街", "望江路", "秋涛路", "凯旋路", "庆春东路",
              "采荷路", "钱江路", "婺江路"),
             legacy=(("330104", 2020),)),
    District("330105", ZHEJIANG, HANGZHOU, "拱墅区", 0.13,
             ("米市巷街道", "湖墅街道", "小河街道", "和睦街道", "拱宸桥街道", "大关街道",
              "上塘街道", "祥符街道", "朝晖街道", "潮鸣街道", "武林街道", "天水街道",
              "长庆街道", "文晖街道", "石桥街道", "东新街道"),
             ("湖墅南路", "莫干山路", "大关路", "上塘路", "登云路", "石祥路", "香积寺路",
              "德胜路", "朝晖路", "中山北路", "环城北路", "文晖路", "潮王路"),
             legacy=(("330103", 2020),)),
    District("330106", ZHEJIANG, HANGZHOU, "西湖区", 0.12,
             ("北山街道", "西溪街道", "翠苑街道", "文新街道", "古荡街道", "灵隐街道",
              "转塘街道", "留下街道", "蒋村街道", "三墩镇", "西湖街道"),
             ("文三路", "文二路", "文一路", "教工路", "古墩路", "天目山路", "学院路",
              "紫金港路", "丰潭路", "西溪路", "留和路", "保俶路", "黄姑山路")),
    District("330108", ZHEJIANG, HANGZHOU, "滨江区", 0.06,
             ("西兴街道", "长河街道", "浦沿街道"),
             ("江南大道", "滨盛路", "江汉路", "长河路", "西兴路", "闻涛路", "浦沿路",
              "聚才路", "江陵路", "滨安路"),
             legacy=(("330181", 1996),)),
    District("330109", ZHEJIANG, HANGZHOU, "萧山区", 0.14,
             ("城厢街道", "北干街道", "蜀山街道", "新塘街道", "宁围街道", "闻堰街道", "瓜沥镇"),
             ("市心路", "人民路", "金城路", "北干山南路", "育才路", "萧然南路", "通惠路",
              "山阴路", "工人路", "文化路"),
             surnames=("沈", "俞", "韩", "孔", "来"),
             legacy=(("330181", 2001),)),
    District("330110", ZHEJIANG, HANGZHOU, "余杭区", 0.10,
             ("五常街道", "仓前街道", "闲林街道", "良渚街道", "中泰街道", "余杭街道"),
             ("文一西路", "五常大道", "良睦路", "高教路", "龙潭路", "荆长大道", "禹航路"),
             legacy=(("330184", 2001),)),
    District("330113", ZHEJIANG, HANGZHOU, "临平区", 0.07,
             ("临平街道", "南苑街道", "东湖街道", "星桥街道", "乔司街道"),
             ("迎宾路", "南苑街", "藕花洲大街", "世纪大道", "人民大道", "星光街", "望梅路"),
             legacy=(("330184", 2001), ("330110", 2020))),
    District("330114", ZHEJIANG, HANGZHOU, "钱塘区", 0.07,
             ("下沙街道", "白杨街道", "河庄街道", "义蓬街道"),
             ("下沙路", "文泽路", "学林街", "金沙大道", "幸福南路", "海达南路", "文海南路",
              "学源街"),
             legacy=(("330104", 2020),)),
    District("330111", ZHEJIANG, HANGZHOU, "富阳区", 0.05,
             ("富春街道", "春江街道", "东洲街道", "银湖街道"),
             ("桂花路", "江滨西大道", "金桥北路", "富春街", "体育馆路", "恩波大道"),
             surnames=("孙", "章", "蒋"),
             legacy=(("330183", 2014),)),
    District("330681", ZHEJIANG, "绍兴市", "诸暨市", 0.13,
             ("暨阳街道", "浣东街道", "陶朱街道", "大唐街道", "枫桥镇", "店口镇"),
             ("暨阳路", "浣东路", "艮塔路", "大桥路", "望云路", "东二路", "江东路", "暨东路"),
             villages=("枫桥镇/枫源村", "枫桥镇/陈家村", "枫桥镇/杜黄新村", "枫桥镇/栎江村",
                       "枫桥镇/乔亭村", "赵家镇/赵家村", "赵家镇/泉畈村", "店口镇/湄池村",
                       "店口镇/侠父村"),
             surnames=("楼", "斯", "宣", "骆", "何", "赵", "陈", "郦")),
)
# fmt: on


@dataclass(frozen=True)
class Origin:
    """A place outside the city that floating residents are registered in (户籍)."""

    code: str
    province: str
    city: str
    district: str
    weight: float
    ethnicities: tuple[str, ...] = ("汉族",)
    """Besides 汉族, the minorities whose families come from here."""


# fmt: off
ORIGINS: tuple[Origin, ...] = (
    Origin("341202", "安徽省", "阜阳市", "颍州区", 0.08),
    Origin("341503", "安徽省", "六安市", "裕安区", 0.05),
    Origin("411602", "河南省", "周口市", "川汇区", 0.07),
    Origin("411502", "河南省", "信阳市", "浉河区", 0.05),
    Origin("411402", "河南省", "商丘市", "梁园区", 0.04),
    Origin("361102", "江西省", "上饶市", "信州区", 0.06),
    Origin("360403", "江西省", "九江市", "浔阳区", 0.04),
    Origin("511302", "四川省", "南充市", "顺庆区", 0.05),
    Origin("511702", "四川省", "达州市", "通川区", 0.04),
    Origin("520502", "贵州省", "毕节市", "七星关区", 0.05, ("汉族", "苗族", "布依族")),
    Origin("520602", "贵州省", "铜仁市", "碧江区", 0.03, ("汉族", "土家族", "苗族")),
    Origin("522601", "贵州省", "黔东南苗族侗族自治州", "凯里市", 0.02, ("苗族", "侗族")),
    Origin("430502", "湖南省", "邵阳市", "双清区", 0.04),
    Origin("433101", "湖南省", "湘西土家族苗族自治州", "吉首市", 0.02, ("土家族", "苗族")),
    Origin("500101", "重庆市", "重庆市", "万州区", 0.04),
    Origin("500242", "重庆市", "重庆市", "酉阳土家族苗族自治县", 0.02, ("土家族", "苗族")),
    Origin("320312", "江苏省", "徐州市", "铜山区", 0.03),
    Origin("371302", "山东省", "临沂市", "兰山区", 0.03),
    Origin("421102", "湖北省", "黄冈市", "黄州区", 0.04),
    Origin("450902", "广西壮族自治区", "玉林市", "玉州区", 0.02, ("汉族", "壮族")),
    Origin("451002", "广西壮族自治区", "百色市", "右江区", 0.02, ("壮族",)),
    Origin("530602", "云南省", "昭通市", "昭阳区", 0.03),
    Origin("620502", "甘肃省", "天水市", "秦州区", 0.02),
    Origin("622901", "甘肃省", "临夏回族自治州", "临夏市", 0.01, ("回族",)),
    Origin("653101", "新疆维吾尔自治区", "喀什地区", "喀什市", 0.01, ("维吾尔族",)),
    Origin("650102", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", 0.01, ("维吾尔族", "哈萨克族")),
    Origin("150102", "内蒙古自治区", "呼和浩特市", "新城区", 0.01, ("蒙古族",)),
    Origin("540102", "西藏自治区", "拉萨市", "城关区", 0.005, ("藏族",)),
    Origin("210102", "辽宁省", "沈阳市", "和平区", 0.01, ("满族",)),
    Origin("331127", ZHEJIANG, "丽水市", "景宁畲族自治县", 0.02, ("畲族",)),
    Origin("330302", ZHEJIANG, "温州市", "鹿城区", 0.04),
    Origin("331002", ZHEJIANG, "台州市", "椒江区", 0.03),
    Origin("330702", ZHEJIANG, "金华市", "婺城区", 0.03),
)
# fmt: on

ZHEJIANG_ELSEWHERE: tuple[str, ...] = (
    "330203",
    "330302",
    "330402",
    "330502",
    "330702",
    "330802",
    "331002",
    "330602",
    "330603",
    "330604",
)
"""Region codes of Zhejiang places outside the city: locals born there carry them."""

VILLAGE_STEMS: tuple[str, ...] = (
    "王庄",
    "李集",
    "张湾",
    "刘楼",
    "陈店",
    "杨桥",
    "黄岗",
    "周营",
    "吴塘",
    "徐坝",
    "孙寨",
    "马岭",
    "朱坊",
    "胡冲",
    "郭坪",
    "何寨",
    "高桥",
    "罗庄",
    "梁湾",
    "谢屯",
)
"""Stems of invented village names for addresses outside the city (X村)."""

TOWN_STEMS: tuple[str, ...] = (
    "城关",
    "新集",
    "白庙",
    "龙泉",
    "石桥",
    "双河",
    "太平",
    "长岭",
    "青山",
    "三合",
)
"""Stems of invented town names for addresses outside the city (X镇)."""
