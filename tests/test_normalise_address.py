"""Addresses: one flat written many ways gives one key; levels of agreement between two."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolution.normalise.address import AddressMatch, compare_addresses, parse_address

ONE_FLAT = [
    "浙江省杭州市滨江区西兴街道南都府3幢2单元501室",
    "杭州市滨江区聚才路127号南都府小区3幢2单元501室",
    "滨江区南都府3栋2单元501",
    "南都府3号楼2单元501号",
    "南都府3-2-501",
    "滨江区南都府3-2-501室",
    "南都府三栋二单元五零一室",
    "南都府三幢二单元501",
    "浙江杭州滨江区南都府3幢2单元501室",
    "南 都 府 ３ 幢 ２ 单 元 ５ ０ １ 室",
    "南都府03幢2单元501室",
    "南都府3幢2-501",
    "南都府3号2单元501",
    "南都府3#2单元501室",
]


@pytest.mark.parametrize("written", ONE_FLAT)
def test_one_flat_written_many_ways_has_one_flat_key(written):
    address = parse_address(written)
    assert address.flat_key == "南都府|3|2|501"
    assert address.building_key == "南都府|3"
    assert address.compound_key == "南都府"


@pytest.mark.parametrize("a", ONE_FLAT[:5])
@pytest.mark.parametrize("b", ONE_FLAT[5:9])
def test_spellings_of_one_flat_compare_as_the_same_flat(a, b):
    assert compare_addresses(parse_address(a), parse_address(b)) == AddressMatch.FLAT


def test_levels_of_a_full_address():
    address = parse_address("浙江省杭州市滨江区西兴街道聚才路127号南都府小区3幢2单元501室")
    assert (address.province, address.city, address.district, address.street) == (
        "浙江省",
        "杭州市",
        "滨江区",
        "西兴街道",
    )
    assert (address.road, address.compound, address.building, address.unit, address.room) == (
        "聚才路127号",
        "南都府",
        "3",
        "2",
        "501",
    )
    assert address.detail is None and not address.inferred


@pytest.mark.parametrize(
    "written, city, province",
    [
        ("滨江区南都府3幢2单元501室", "杭州市", "浙江省"),
        ("杭州市滨江区南都府", "杭州市", "浙江省"),
        ("诸暨市枫桥镇枫源村37号", "绍兴市", "浙江省"),
        ("景宁县鹤溪街道某小区1幢101", "丽水市", "浙江省"),
    ],
)
def test_missing_region_levels_are_inferred_from_the_district(written, city, province):
    address = parse_address(written)
    assert (address.city, address.province, address.inferred) == (city, province, True)


def test_regions_outside_the_table_are_read_by_their_suffixes():
    address = parse_address("安徽省阜阳市颍州区西湖镇王庄村12号")
    assert (address.province, address.city, address.district, address.street) == (
        "安徽省",
        "阜阳市",
        "颍州区",
        "西湖镇",
    )
    assert (address.compound, address.house, address.flat_key) == ("王庄村", "12", "王庄村|#12")
    far = parse_address("贵州省黔东南苗族侗族自治州凯里市文化路8号")
    assert (far.city, far.district, far.road) == ("黔东南苗族侗族自治州", "凯里市", "文化路8号")
    without_province = parse_address("上饶市信州区孙寨村12号")
    assert (without_province.city, without_province.district, without_province.compound) == (
        "上饶市",
        "信州区",
        "孙寨村",
    )
    assert parse_address("信州区孙寨村12号").flat_key == without_province.flat_key == "孙寨村|#12"
    municipal = parse_address("上海市浦东新区张江路100号")
    assert (municipal.province, municipal.city, municipal.district) == (
        "上海市",
        "上海市",
        "浦东新区",
    )


@pytest.mark.parametrize(
    "written, building, unit, room",
    [
        ("南都府4号楼1单元1003室", "4", "1", "1003"),
        ("南都府十二幢1单元301", "12", "1", "301"),
        ("南都府二十一栋一单元", "21", "1", None),
        ("香樟里16栋2单元304号", "16", "2", "304"),
        ("南都府6-103", "6", None, "103"),
        ("万达广场A座1203室", "A", None, "1203"),
        ("南都府3幢5楼", "3", None, None),
        ("金都华府2期3幢501", "3", None, "501"),
    ],
)
def test_flat_levels(written, building, unit, room):
    address = parse_address(written)
    assert (address.building, address.unit, address.room) == (building, unit, room)


@pytest.mark.parametrize(
    "written",
    ["翠苑一区3幢2单元501室", "景芳三区2幢", "阳光小区3幢", "科技园区A座1203", "城东区块3幢"],
)
def test_compound_parts_ending_in_qu_are_not_districts(written):
    address = parse_address(written)
    assert address.district is None and address.compound is not None


def test_compound_names_keep_their_numbers_and_drop_a_trailing_xiaoqu():
    assert parse_address("金都华府2期3幢501").compound == "金都华府2期"
    assert parse_address("翠苑一区3幢2单元501室").compound == "翠苑一区"
    assert parse_address("三墩镇金家渡社区1幢").street == "三墩镇"
    assert parse_address("江南水乡小区3幢").compound == "江南水乡"
    assert parse_address("钱江小区4幢3单元202室").compound == "钱江"


@pytest.mark.parametrize(
    "written, detail",
    [
        ("杭州市滨江区南都府东门", "东门"),
        ("浙江省杭州市滨江区聚才路127号南都府南门口", "南门口"),
        ("滨江区南都府物业服务中心", "物业服务中心"),
        ("杭州市滨江区聚才路127号南都府小区广场", "广场"),
        ("滨江区南都府6栋1单元楼下", "楼下"),
    ],
)
def test_spots_are_detail_not_part_of_the_compound(written, detail):
    address = parse_address(written)
    assert address.compound == "南都府" and address.detail == detail and address.flat_key is None


def test_road_places_and_crossings():
    numbered = parse_address("滨江区聚才路127号")
    assert (numbered.road, numbered.compound, numbered.compound_key) == (
        "聚才路127号",
        None,
        "聚才路127号",
    )
    crossing = parse_address("滨盛路与江陵路交叉口")
    assert crossing.road == crossing.compound_key == "滨盛路与江陵路"
    assert parse_address("滨江区滨盛路和江陵路口").compound_key == "滨盛路与江陵路"


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("南都府3幢2单元501", "南都府3幢2单元502", AddressMatch.BUILDING),
        ("南都府3幢501", "南都府3幢2单元501", AddressMatch.BUILDING),  # unit unknown on one side
        ("南都府3幢2单元501", "滨江区南都府3幢2单元", AddressMatch.BUILDING),
        ("南都府3幢2单元501", "南都府5幢2单元501", AddressMatch.COMPOUND),
        ("南都府3幢2单元501", "滨江区南都府东门", AddressMatch.COMPOUND),
        ("滨江区南都府", "滨江区阳光花园", AddressMatch.DISTRICT),
        ("滨江区南都府3-2-501", "滨江区", AddressMatch.DISTRICT),
        ("滨江区南都府", "西湖区南都府", AddressMatch.DIFFERENT),
        ("宁波市阳光花园1幢101", "杭州市阳光花园1幢101", AddressMatch.DIFFERENT),
        ("南都府", "阳光花园", AddressMatch.DIFFERENT),
        ("下城区朝晖一区1幢101", "拱墅区朝晖一区1幢101", AddressMatch.FLAT),  # 下城区 became 拱墅区
        ("江干区景芳三区2幢101", "上城区景芳三区2幢101", AddressMatch.FLAT),  # part of 江干区 did
        ("枫源村37号", "诸暨市枫桥镇枫源村37号", AddressMatch.FLAT),
        ("枫源村37号", "枫源村38号", AddressMatch.COMPOUND),
        ("滨江区", "南都府3-2-501", AddressMatch.UNKNOWN),
    ],
)
def test_compare_addresses(a, b, expected):
    x, y = parse_address(a), parse_address(b)
    assert compare_addresses(x, y) == expected
    assert compare_addresses(y, x) == expected
    assert compare_addresses(x.key, y.key) == expected  # keys carry what comparing needs


def test_nothing_to_compare():
    assert parse_address(None) is None and parse_address("") is None and parse_address("  ") is None
    assert compare_addresses(None, parse_address("南都府")) == AddressMatch.UNKNOWN
    assert compare_addresses("", "||南都府||||") == AddressMatch.UNKNOWN


def test_key_layout():
    key = parse_address("杭州市滨江区聚才路127号南都府3幢2单元501室").key
    assert key == "滨江区|聚才路127号|南都府|3|2|501|杭州市"
    assert parse_address("诸暨市枫桥镇枫源村37号").key == "诸暨市||枫源村|||#37|绍兴市"
    assert parse_address("下城区朝晖一区1幢101").key.startswith("拱墅区|")


REGIONS = st.sampled_from(
    [
        "",
        "浙江省杭州市滨江区",
        "杭州市滨江区",
        "滨江区",
        "浙江省杭州市西湖区翠苑街道",
        "诸暨市枫桥镇",
        "安徽省阜阳市颍州区",
    ]
)
ROADS = st.sampled_from(["", "聚才路127号", "文三路8号"])
COMPOUNDS = st.sampled_from(["南都府", "南都府小区", "翠苑一区", "颐景新村", "香樟里", "枫源村"])
NUMBERS = st.integers(1, 30)
ROOMS = st.integers(101, 2802)
BUILDING_WORDS = st.sampled_from(["幢", "栋", "号楼"])
ROOM_WORDS = st.sampled_from(["室", "号", ""])
SPOTS = st.sampled_from(["", "东门", "楼下"])


@given(REGIONS, ROADS, COMPOUNDS, NUMBERS, NUMBERS, ROOMS, BUILDING_WORDS, ROOM_WORDS)
def test_written_forms_of_a_flat_agree_and_canonical_text_reads_back(
    region, road, compound, building, unit, room, word, room_word
):
    full = parse_address(f"{region}{road}{compound}{building}{word}{unit}单元{room}{room_word}")
    short = parse_address(f"{compound}{building}-{unit}-{room}")
    assert (
        full.flat_key
        == short.flat_key
        == f"{compound.removesuffix('小区')}|{building}|{unit}|{room}"
    )
    assert compare_addresses(full, short) == AddressMatch.FLAT
    assert parse_address(full.text).key == full.key
    assert parse_address(parse_address(full.text).text) == parse_address(full.text)


@given(REGIONS, COMPOUNDS, NUMBERS, SPOTS)
def test_building_level_addresses_read_back(region, compound, building, spot):
    address = parse_address(f"{region}{compound}{building}幢{spot}")
    assert address.building_key == f"{compound.removesuffix('小区')}|{building}"
    assert address.flat_key is None
    assert parse_address(address.text).key == address.key
