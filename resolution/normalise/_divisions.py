"""The administrative divisions table (data/divisions.csv), and reading a region off an address.

`read_region` takes province, city and county-level district off the front
of an address, as far as they are written, by the national GB/T 2260 table
(every province, city and county-level division, current and abolished): a
district fills in its city and province (溧阳市 -> 常州市, 江苏省), a renamed
city reads as its current name (襄樊市 -> 襄阳市), a prefecture may be written
short (凉山州). A development zone or new area below a city (成都高新区,
江北新区浦口区) takes the district's place. Below a parent the table does not
know, the suffixes (省 市 区 县 旗 自治州 ...) read it. A name without its
suffix (浙江杭州滨江区) is read only when what follows confirms it.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_GENERIC_CITY = re.compile(r".{2,11}?(?:自治州|地区|盟|市)")
_GENERIC_DISTRICT = re.compile(r".{1,10}?(?:自治县|自治旗|新区|区|县|旗|市)")
_UNLISTED_CITY = re.compile(r"[^\d市]{2,4}市(?=[^\d市]{1,5}(?:区|县|旗|市))")
_UNLISTED_DISTRICT = re.compile(
    r"[^\d区县]{1,3}[^\d区县一二三四五六七八九十小社园校景厂矿东西南北中]"
    r"(?:区|县|旗)(?=[^\dA-Z]{2})"
)
_ZONE = re.compile(
    r"[^\d区县市]{0,4}?(?P<kind>高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区"
    r"|工业园区|保税区|新区)(?=[^\dA-Z]{2})"
)
"""A development zone or new area below a city (成都高新区, 南京江北新区, 西咸新区), which
writers put where a district goes although GB/T 2260 lists few of them; followed by a name,
never directly by a building number."""
ZONE_NAMES = {"高新技术产业开发区": "高新区", "经济技术开发区": "经开区", "经济开发区": "经开区"}
"""Long forms of a zone's kind, written short."""
"""A region the table does not list, written without its province (信州区张湾村, 上饶市信州区):
a city only when a district follows; a district not ending like a compound's part (一区,
小区, 园区, 东区...) and followed by a name, never directly by a building number."""


@dataclass(frozen=True, slots=True)
class Division:
    level: str
    code: str
    name: str
    short: str
    parent: str
    now: tuple[str, ...]
    """The divisions that took over an abolished one's area; empty for a current one."""
    overlaps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Region:
    province: str | None
    city: str | None
    district: str | None
    length: int
    """How many characters of the address the region took."""
    inferred: bool
    """A level not written was filled in from the table."""


class Divisions:
    def __init__(self, rows: list[Division]) -> None:
        self.by_level: dict[str, dict[str, Division]] = defaultdict(dict)
        self.children: dict[str, list[Division]] = defaultdict(list)
        self.districts: dict[str, list[Division]] = defaultdict(list)
        for row in rows:
            self.by_level[row.level][row.name] = row
            self.children[row.parent].append(row)
            if row.level == "district":
                for name in {row.name, row.short} - {""}:
                    self.districts[name].append(row)
        self.related = _related(rows)
        self._canonical: dict[tuple[str, str | None], str] = {}
        self.codes = frozenset(row.code.ljust(6, "0") for row in rows)
        """Every 6-digit code the table has (had): 330103, 330100, 330000."""
        self._cities_at: dict[str, list[Division]] = defaultdict(list)
        """Cities by the first two characters of their name or short name, longest first."""
        for city in sorted(self.by_level["city"].values(), key=lambda c: -len(c.name)):
            for written in dict.fromkeys(filter(None, (city.name[:2], city.short[:2]))):
                self._cities_at[written].append(city)
        provinces = self.by_level["province"].values()
        self._province_prefixes = tuple(p.name for p in provinces) + tuple(
            p.short for p in provinces
        )

    def read_region(self, text: str) -> Region:
        province, at = self._province(text)
        city, at = self._city(text, at, province)
        district, parent, at = self._district(text, at, province, city)
        if at == 0:
            return self._unlisted(text)
        filled_city = city or parent
        filled_province = province or (self._province_of(filled_city) if filled_city else None)
        inferred = (filled_city, filled_province) != (city, province)
        return Region(filled_province, filled_city, district, at, inferred)

    def canonical_district(self, name: str, city: str | None = None) -> str:
        """The current name of a division (下城区 -> 拱墅区), told apart by its city where the
        name is not unique; an abolished one whose area went to several keeps its name."""
        known = self._canonical.get((name, city))
        if known is None:
            rows = [r for r in self.districts.get(name, ()) if city in (None, r.parent)]
            known = name
            if len(rows) == 1:
                known = rows[0].now[0] if len(rows[0].now) == 1 else rows[0].name
            self._canonical[(name, city)] = known
        return known

    def provinces_of(self, city: str, district: str) -> frozenset[str]:
        """The provinces a place can be in: its city's, else those of every city having a
        district of that name (西湖区: 浙江省 and 江西省); empty when neither tells."""
        if city:
            province = self._province_of(city)
            return frozenset({province} if province else ())
        return frozenset(
            filter(
                None, (self._province_of(row.parent) for row in self.districts.get(district, ()))
            )
        )

    def compatible(self, a: str, b: str) -> bool:
        """Whether two district names can be one place (equal, or related by a redivision)."""
        return a == b or b in self.related.get(a, ())

    def _province(self, text: str) -> tuple[str | None, int]:
        if not text.startswith(self._province_prefixes):
            return None, 0
        for row in self.by_level["province"].values():
            if text.startswith(row.name):
                return row.name, len(row.name)
        for row in self.by_level["province"].values():
            rest = text[len(row.short) :]
            if row.short and text.startswith(row.short) and self._confirms(rest, row.name):
                return row.name, len(row.short)
        return None, 0

    def _unlisted(self, text: str) -> Region:
        city = _UNLISTED_CITY.match(text)
        at = city.end() if city else 0
        district = (_GENERIC_DISTRICT if city else _UNLISTED_DISTRICT).match(text, at)
        if district is None:
            return Region(None, None, None, 0, False)
        return Region(None, city.group() if city else None, district.group(), district.end(), False)

    def _confirms(self, rest: str, province: str) -> bool:
        """Whether `rest` starts with a city or district of the province (浙江 + 杭州...)."""
        return any(
            rest.startswith(c.name) or (c.short and rest.startswith(c.short))
            for c in self.children[province]
        ) or (province in MUNICIPALITIES and bool(_GENERIC_DISTRICT.match(rest)))

    def _city(self, text: str, at: int, province: str | None) -> tuple[str | None, int]:
        if province in MUNICIPALITIES:
            return province, at + (len(province) if text.startswith(province, at) else 0)
        head = text[at : at + 2]
        cities = [
            c for c in self._cities_at.get(head, ()) if province is None or c.parent == province
        ]
        for city in cities:
            if text.startswith(city.name, at):
                return self._current_city(city), at + len(city.name)
        listed_here = None
        for city in cities:
            if not city.short or not text.startswith(city.short, at):
                continue
            if listed_here is None:  # 苏州工业园区 is a district, not 苏州 + 工业园区
                listed_here = self._district_at(text, at, None) is not None
            if listed_here:
                break
            end = at + len(city.short)
            if city.name.endswith("自治州") and text.startswith("州", end):  # 凉山州
                end += 1
            if self._district_at(text, end, self._current_city(city)) or _ZONE.match(text, end):
                return self._current_city(city), end
        if province and not self.children[province]:
            match = _GENERIC_CITY.match(text, at)
            if match:
                return match.group(), match.end()
        return None, at

    def _current_city(self, city: Division) -> str:
        """A renamed city's current name (襄樊市 -> 襄阳市)."""
        return city.now[0] if len(city.now) == 1 else city.name

    def _district(
        self, text: str, at: int, province: str | None, city: str | None
    ) -> tuple[str | None, str | None, int]:
        """(district, the city the table puts it in, where reading goes on)."""
        if self._lists_districts(province, city):
            found = self._district_at(text, at, city)
            if found:
                return found[0].name, found[0].parent, at + found[1]
            zone = _ZONE.match(text, at)
            if zone is None:
                return None, None, at
            listed = self._district_at(text, zone.end(), city)  # 江北新区浦口区: the district
            if listed:
                return listed[0].name, listed[0].parent, zone.end() + listed[1]
            if city is None:  # a zone without its city may be a compound's name
                return None, None, at
            kind = zone.group("kind")
            name = zone.group()[: zone.start("kind") - zone.start()] + ZONE_NAMES.get(kind, kind)
            return name, city, zone.end()
        match = _GENERIC_DISTRICT.match(text, at) if city or province else None
        return (match.group(), None, match.end()) if match else (None, None, at)

    def _lists_districts(self, province: str | None, city: str | None) -> bool:
        """Whether the table lists the districts below what has been read so far."""
        if city is not None:
            return city in self.by_level["city"]
        return province is None or bool(self.children[province])

    def _district_at(self, text: str, at: int, city: str | None) -> tuple[Division, int] | None:
        for length in range(min(10, len(text) - at), 1, -1):
            rows = [
                r
                for r in self.districts.get(text[at : at + length], ())
                if city in (None, r.parent)
            ]
            if len(rows) == 1:
                return rows[0], length
        return None

    def _province_of(self, city: str) -> str | None:
        row = self.by_level["city"].get(city)
        return row.parent if row else None


def _related(rows: list[Division]) -> dict[str, set[str]]:
    related: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for other in row.now + row.overlaps:
            related[row.name].add(other)
            related[other].add(row.name)
    return related


@cache
def divisions() -> Divisions:
    path = Path(__file__).parent / "data" / "divisions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            Division(
                r["level"],
                r["code"],
                r["name"],
                r["short"],
                r["parent"],
                tuple(filter(None, r["now"].split("|"))),
                tuple(filter(None, r["overlaps"].split("|"))),
            )
            for r in csv.DictReader(handle)
        ]
    return Divisions(rows)
