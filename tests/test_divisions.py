"""National divisions: addresses from every covered province, and ID numbers' region codes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from resolution.normalise._divisions import divisions
from resolution.normalise.address import AddressMatch, compare_addresses, parse_address
from resolution.normalise.idnumber import parse_id, region_known
from resolution.synthetic.idnumbers import make_id

TABLE = Path(__file__).resolve().parent.parent / "resolution" / "normalise" / "data"


@pytest.mark.parametrize(
    "short, full",
    [
        # 江苏: a county-level city, the shorthand flat beside the written-out one
        ("溧阳市碧水湾13-4-501", "江苏省常州市溧阳市南京大道61号碧水湾13幢4单元501室"),
        ("江阴市澄江街道香山花园2-1-302", "江苏省无锡市江阴市香山花园2幢1单元302室"),
        ("江北新区浦口区天润城13-2-602", "江苏省南京市浦口区天润城十三幢二单元602室"),
        ("苏州工业园区星湖街328号月亮湾3-2-201", "江苏省苏州市苏州工业园区月亮湾3幢2单元201室"),
        # 广东: districts of a city without counties, and a city without districts
        ("天河区花城苑8-1203", "广东省广州市天河区花城苑8栋1203房"),
        ("东莞市长安镇锦厦花园3-502", "广东省东莞市长安镇锦厦花园3座502"),
        ("顺德区大良街道碧桂园12-3-701", "广东省佛山市顺德区碧桂园12栋3单元701"),
        # 四川: an autonomous prefecture (written whole, as 州, or not at all), roads in sections
        ("西昌市长安小区5-2-302", "四川省凉山彝族自治州西昌市航天大道三段长安小区5栋2单元302室"),
        ("凉山州西昌市长安小区5-2-302", "西昌市长安5栋2单元302"),
        ("成都高新区太平洋花园1-1-1001", "四川省成都市高新技术产业开发区太平洋花园1栋1单元1001号"),
        ("武侯区人民南路四段27号锦绣花园2-1-601", "成都市武侯区锦绣花园2栋1单元601"),
        ("康定市炉城镇跑马山小区1-1-201", "四川省甘孜藏族自治州康定市跑马山小区1栋1单元201室"),
        # 新疆 and 内蒙古: autonomous regions, prefectures, 盟 and 旗
        ("伊宁市团结小区1-2-101", "新疆维吾尔自治区伊犁哈萨克自治州伊宁市团结小区1幢2单元101室"),
        ("乌鲁木齐市天山区幸福花园2-3-401", "新疆乌鲁木齐天山区幸福花园2栋3单元401室"),
        ("锡林浩特市草原明珠3-1-201", "内蒙古自治区锡林郭勒盟锡林浩特市草原明珠小区3号楼1单元201"),
        ("鄂伦春旗阿里河镇林海小区2-1-102", "内蒙古呼伦贝尔市鄂伦春自治旗林海小区2栋1单元102室"),
        # 湖北: an autonomous county written short; a renamed city (襄樊市 -> 襄阳市)
        ("长阳县清江花园2-1-301", "湖北省宜昌市长阳土家族自治县清江花园2栋1单元301"),
        ("襄樊市樊城区春园小区1-1-101", "湖北省襄阳市樊城区春园小区1栋1单元101室"),
        # 浙江, as before
        ("滨江区南都府3-2-501", "杭州市滨江区聚才路127号南都府小区3幢2单元501室"),
    ],
)
def test_two_spellings_of_one_flat_anywhere_share_the_flat_key(short, full):
    a, b = parse_address(short), parse_address(full)
    assert a.flat_key is not None and a.flat_key == b.flat_key
    assert compare_addresses(a, b) is AddressMatch.FLAT
    assert a.district_key == b.district_key


@pytest.mark.parametrize(
    "written, province, city, district",
    [
        ("溧阳市碧水湾13-4-501", "江苏省", "常州市", "溧阳市"),
        ("西昌市长安小区5-2-302", "四川省", "凉山彝族自治州", "西昌市"),
        ("锡林浩特市草原明珠3-1-201", "内蒙古自治区", "锡林郭勒盟", "锡林浩特市"),
        ("伊宁市团结小区1-2-101", "新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市"),
        ("海淀区中关村南大街5号", "北京市", "北京市", "海淀区"),
        ("襄樊市樊城区春园小区1-1-101", "湖北省", "襄阳市", "樊城区"),
        ("射洪县太和镇", "四川省", "遂宁市", "射洪县"),
    ],
)
def test_missing_levels_are_inferred_from_a_county_anywhere(written, province, city, district):
    address = parse_address(written)
    assert (address.province, address.city, address.district) == (province, city, district)


def test_different_counties_of_one_compound_name_are_different_places():
    a = parse_address("溧阳市碧水湾13-4-501")
    b = parse_address("江阴市碧水湾13-4-501")
    assert compare_addresses(a, b) is AddressMatch.DIFFERENT


def test_an_abolished_county_is_compatible_with_its_successor():
    assert parse_address("射洪县太和镇平安小区1-1-1").district_key == "射洪市"
    assert parse_address("江宁县东山镇").district_key == "江宁区"


def test_the_table_has_every_province_and_its_counties():
    table = divisions()
    assert len(table.by_level["province"]) == 34
    with (TABLE / "divisions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    current = [r for r in rows if r["level"] == "district" and not r["now"]]
    for province in ("32", "44", "51", "65", "15", "54"):
        assert sum(r["code"].startswith(province) for r in current) > 30
    assert {"溧阳市", "西昌市", "伊宁市", "锡林浩特市", "鄂伦春自治旗"} <= {
        r["name"] for r in current
    }


@pytest.mark.parametrize(
    "region, known",
    [
        ("320481", True),  # 溧阳市
        ("513401", True),  # 西昌市
        ("654002", True),  # 伊宁市
        ("152502", True),  # 锡林浩特市
        ("440306", True),  # 深圳市宝安区
        ("330103", True),  # 下城区, abolished 2021, still carried
        ("320423", True),  # 溧阳县, before it became a city
        ("330100", True),  # a city's own code
        ("330101", True),  # 市辖区
        ("810000", True),  # a Hong Kong resident's permit
        ("320499", False),
        ("339999", False),
        ("990101", False),
    ],
)
def test_id_numbers_carry_a_region_code_from_anywhere_in_china(region, known):
    assert region_known(region) is known
    assert parse_id(make_id(region, date(1980, 5, 1), 123)).valid is known
