"""Addresses: one flat written many ways, parsed into levels and compared by level.

`parse_address("杭州市滨江区聚才路127号南都府小区3幢2单元501室")` and
`parse_address("南都府三栋二单元501")` and `parse_address("滨江区南都府3-2-501号")`
give one `flat_key`, "南都府|3|2|501". The steps:

1. NFKC, spaces removed, traditional characters simplified, dashes unified,
   Chinese numerals before 幢/栋/单元/室... converted (三栋 -> 3栋, see _numerals).
2. The region (province, city, district), as far as written; missing levels
   above a known district are filled in from data/divisions.csv (滨江区 ->
   杭州市, 浙江省).
3. A street or town (西兴街道, 枫桥镇), then a road with its number (聚才路127号).
4. The flat: building (幢, 栋, 号楼, 座, #; 号 before 单元), unit (单元), room
   (室, 号 or nothing), or the shorthand 3-2-501 / 6-103, or a house number
   (枫源村37号). What comes before it is the compound (小区, 花园, 苑, 村...;
   a trailing 小区 dropped: 南都府小区 = 南都府); what comes after, or a spot
   at the end of the compound (东门, 楼下, 地下车库), is kept as `detail`.

Keys leave the region out, because writers leave it out: two spellings of one
flat share `flat_key` whether or not one names the district. `compare_addresses`
puts the region back: known districts (or cities) that differ make two
addresses different, a redivision (下城区 -> 拱墅区) does not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from resolution.normalise._divisions import divisions
from resolution.normalise._numerals import arabic_numerals
from resolution.normalise._text import nfkc_compact, simplified

_WORDS = json.loads(
    (Path(__file__).parent / "data" / "address_words.json").read_text(encoding="utf-8")
)
GENERIC_COMPOUND_WORDS = tuple(_WORDS["generic_compound_words"])
SPOTS = tuple(sorted(_WORDS["spots"], key=len, reverse=True))
NOT_AFTER_TOWN = ("小区", "花园", "公寓", "新村", "家园", "大厦", "苑", "社区")
"""What cannot follow a town's name: 江南水乡小区 is a compound, not 江南水乡 + 小区."""

_DASHES = re.compile(r"[‐‑‒–—―−]")
_COUNTRY = re.compile(r"^中(?:华人民共和)?国")
_STREET = re.compile(r"(?P<name>.{2,8}?街道|.{2,6}?[镇乡])(?P<rest>.{2,})")
_SECTION = r"(?:[一二三四五六七八九十\d]{1,2}段)?"
"""A road's section (人民南路四段, 航天大道三段), as Sichuan and Chongqing write them; before
it, a direction written after the road (中山大道西600号, as Guangzhou writes them)."""
_ROAD = re.compile(
    rf"(?P<road>.{{1,10}}?(?:大道|大街|路|街|巷)[东西南北中]?{_SECTION})(?P<no>\d+(?:-\d+)?)号(?!楼)"
)
_CROSSING = re.compile(
    r"(?P<a>.{1,10}?(?:大道|大街|路|街)[东西南北]?)[与和](?P<b>.{1,10}?(?:大道|大街|路|街)[东西南北]?)"
    r"(?:交叉口|交叉路口|十字路口|路口|口)?"
)
_ROAD_ONLY = re.compile(rf"(?P<road>.{{1,10}}?(?:大道|大街|路){_SECTION})(?=\D)")
_BUILDING = re.compile(
    r"(?P<b>\d+|[A-Z])(?:号楼|号幢|号栋|栋楼|幢|栋|座|#楼|#|号(?=\d+单元))"
    r"(?:(?P<u>\d+)(?:单元|-))?(?:(?P<f>\d+)(?:楼|层)(?!\d))?(?:(?P<r>\d+)(?:室|号|房)?)?"
)
_SHORTHAND = re.compile(r"(?P<b>\d+)-(?:(?P<u>\d+)-)?(?P<r>\d+)(?:室|号|房)?")
_HOUSE = re.compile(r"(?P<h>\d+)号(?:院)?")


@dataclass(frozen=True, slots=True)
class Address:
    province: str | None
    city: str | None
    district: str | None
    street: str | None
    road: str | None
    """With its number when written: 聚才路127号."""
    compound: str | None
    building: str | None
    unit: str | None
    room: str | None
    house: str | None
    """A house number instead of building/unit/room (枫源村37号)."""
    detail: str | None
    """A spot at the address (东门, 楼下) or text the parser could not place."""
    inferred: bool
    """Province or city filled in from the divisions table."""

    @property
    def place(self) -> str | None:
        """The compound; where none is written, the road with its number or a crossing."""
        return self.compound or _point(self.road)

    @property
    def compound_key(self) -> str | None:
        return self.place

    @property
    def building_key(self) -> str | None:
        if self.place is None or self.building is None:
            return None
        return f"{self.place}|{self.building}"

    @property
    def flat_key(self) -> str | None:
        """Equal for two spellings of one flat (or village house); None above flat level."""
        if self.place is None:
            return None
        if self.house is not None:
            return f"{self.place}|#{self.house}"
        if self.building is None or self.room is None:
            return None
        return f"{self.place}|{self.building}|{self.unit or ''}|{self.room}"

    @property
    def district_key(self) -> str | None:
        """The district's current name (下城区 -> 拱墅区)."""
        return divisions().canonical_district(self.district, self.city) if self.district else None

    @property
    def text(self) -> str:
        """The address written out in one canonical way; parsing it gives the same key."""
        flat = ""
        if self.house is not None:
            flat = f"{self.house}号"
        elif self.building is not None:
            flat = f"{self.building}幢" + (f"{self.unit}单元" if self.unit else "")
            flat += f"{self.room}室" if self.room else ""
        parts = (
            self.province,
            self.city if self.city != self.province else None,
            self.district,
            self.street,
            self.road,
            self.compound,
            flat,
            self.detail,
        )
        return "".join(p for p in parts if p)

    @property
    def key(self) -> str:
        """All levels compared, as one string for Dedupe's fields:
        district|road|compound|building|unit|room|city; a house number is in the room slot
        with no building."""
        room = self.room if self.house is None else f"#{self.house}"
        return "|".join(
            v or ""
            for v in (
                self.district_key,
                self.road,
                self.compound,
                self.building,
                self.unit,
                room,
                self.city,
            )
        )


class AddressMatch(StrEnum):
    FLAT = "flat"
    BUILDING = "building"
    """Same building, another flat or one side's flat unknown: neighbours, or one person."""
    COMPOUND = "compound"
    DISTRICT = "district"
    """Same district, different or unknown places."""
    DIFFERENT = "different"
    UNKNOWN = "unknown"
    """Not enough written on one side to tell."""


@lru_cache(maxsize=1 << 18)
def parse_address(text: str | None) -> Address | None:
    """The address's levels; None when nothing is written."""
    if not text:
        return None
    cleaned = arabic_numerals(_DASHES.sub("-", simplified(nfkc_compact(text))).upper())
    cleaned = _COUNTRY.sub("", cleaned)
    if not cleaned:
        return None
    region = divisions().read_region(cleaned)
    rest = cleaned[region.length :]
    street, rest = _street(rest)
    road, rest = _road(rest)
    compound, building, unit, room, house, detail = _place(rest)
    return Address(
        region.province,
        region.city,
        region.district,
        street,
        road,
        compound,
        building,
        unit,
        room,
        house,
        detail,
        region.inferred,
    )


def compare_addresses(a: Address | str | None, b: Address | str | None) -> AddressMatch:
    """The deepest level two addresses (parsed, or their `key`s) agree on."""
    x = _levels(a)
    y = _levels(b)
    if x is None or y is None:
        return AddressMatch.UNKNOWN
    if not _same_region(x, y):
        return AddressMatch.DIFFERENT
    px, py = _place_of(x), _place_of(y)
    if px and px == py:
        if x.building and x.building == y.building:
            same_unit = x.unit == y.unit
            return (
                AddressMatch.FLAT
                if x.room and x.room == y.room and same_unit
                else AddressMatch.BUILDING
            )
        if not x.building and not y.building and x.room and x.room == y.room:
            return AddressMatch.FLAT
        return AddressMatch.COMPOUND
    if x.district and y.district:
        return AddressMatch.DISTRICT
    return AddressMatch.DIFFERENT if px and py else AddressMatch.UNKNOWN


def _street(rest: str) -> tuple[str | None, str]:
    match = _STREET.fullmatch(rest)
    if match is None or match.group("rest").startswith(NOT_AFTER_TOWN):
        return None, rest
    return match.group("name"), match.group("rest")


def _road(rest: str) -> tuple[str | None, str]:
    match = _CROSSING.match(rest)
    if match:
        return f"{match.group('a')}与{match.group('b')}", rest[match.end() :]
    match = _ROAD.match(rest)
    if match:
        return f"{match.group('road')}{match.group('no')}号", rest[match.end() :]
    match = _ROAD_ONLY.match(rest)
    if match and _strip_generic(rest[match.end() :]):
        return match.group("road"), rest[match.end() :]
    return None, rest


def _place(
    rest: str,
) -> tuple[str | None, str | None, str | None, str | None, str | None, str | None]:
    """(compound, building, unit, room, house, detail) of what follows the road."""
    for pattern in (_BUILDING, _SHORTHAND, _HOUSE):
        match = pattern.search(rest)
        if match:
            parts = match.groupdict()
            compound, spot = _without_spot(rest[: match.start()])
            detail = rest[match.end() :] or spot
            return (
                _strip_generic(compound),
                _number(parts.get("b")),
                _number(parts.get("u")),
                _number(parts.get("r")),
                _number(parts.get("h")),
                detail or None,
            )
    compound, spot = _without_spot(rest)
    return _strip_generic(compound), None, None, None, None, spot


def _without_spot(text: str) -> tuple[str, str | None]:
    """The text without a spot at its end (南都府东门 -> 南都府, 东门); spots may stack."""
    spot = ""
    while text.endswith(SPOTS):
        found = next(s for s in SPOTS if text.endswith(s))
        if len(found) >= len(text):
            break
        text, spot = text[: -len(found)], found + spot
    return text, spot or None


def _strip_generic(compound: str) -> str | None:
    for word in GENERIC_COMPOUND_WORDS:
        if compound.endswith(word):
            compound = compound[: -len(word)]
            break
    return compound or None


def _number(value: str | None) -> str | None:
    """Building, unit and room numbers without leading zeros (03幢 = 3幢)."""
    if value is None:
        return None
    return (value.lstrip("0") or "0") if value.isdigit() else value


class _Levels:
    __slots__ = ("district", "road", "compound", "building", "unit", "room", "city")

    def __init__(self, fields: list[str]) -> None:
        for name, value in zip(self.__slots__, fields + [""] * 7, strict=False):
            setattr(self, name, value or None)


def _levels(value: Address | str | None) -> _Levels | None:
    if value is None:
        return None
    return _levels_of_key(value.key if isinstance(value, Address) else value)


@lru_cache(maxsize=1 << 16)
def _levels_of_key(key: str) -> _Levels | None:
    """A key's levels, read once per key: scoring compares each record's addresses with
    those of every candidate it meets."""
    levels = _Levels(key.split("|"))
    return levels if any(getattr(levels, s) for s in _Levels.__slots__) else None


def _place_of(levels: _Levels) -> str | None:
    return levels.compound or _point(levels.road)


def _point(road: str | None) -> str | None:
    """A road names a place when it has a number (聚才路127号) or is a crossing (A路与B路)."""
    return road if road and (road.endswith("号") or "与" in road) else None


def _same_region(x: _Levels, y: _Levels) -> bool:
    if x.district and y.district:
        return divisions().compatible(x.district, y.district)
    return not (x.city and y.city and x.city != y.city)
