"""The layout of the synthetic city: which compounds exist, where, how big.

The city is planned one compound at a time from its own Random, so a compound's
plan never depends on what was generated inside earlier compounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from random import Random

from resolution.synthetic.addresses import Address, chinese_numeral
from resolution.synthetic.divisions import ORIGINS, TOWN_STEMS, VILLAGE_STEMS, District, Origin
from resolution.synthetic.provinces import DEFAULT_PROVINCES, PROVINCES, Province
from resolution.synthetic.rates import WorldRates
from resolution.synthetic.sampling import Weighted

# fmt: off
_STEMS = (
    "翠苑", "蓝天", "金都", "绿城", "阳光", "和睦", "丰华", "景芳", "采荷", "朝晖", "德胜", "新华",
    "星洲", "锦绣", "江南", "钱江", "湖畔", "桂花", "梧桐", "紫荆", "香樟", "银杏", "都市", "世纪",
    "东方", "金色", "枫林", "春江", "滨河", "运河", "西溪", "望江", "凤凰", "青枫", "碧水", "海棠",
    "明月", "文鼎", "宝善", "永福", "长庆", "白荡", "荷花", "清水", "三里", "杨柳", "石桥", "新塘",
    "城北", "城南", "南都", "万家", "颐景", "信雅", "嘉绿", "府苑", "庆丰", "闸弄", "米市", "红石",
)
# fmt: on
_OLD_SUFFIXES = ("新村", "小区", "公寓", "里")
_NEW_SUFFIXES = ("花园", "家园", "嘉园", "华庭", "名邸", "府", "雅苑", "公馆", "城")

_ORIGINS_OF = {
    ethnicity: Weighted.by([o for o in ORIGINS if ethnicity in o.ethnicities], lambda o: o.weight)
    for ethnicity in dict.fromkeys(e for o in ORIGINS for e in o.ethnicities)
}


@dataclass(frozen=True)
class CompoundPlan:
    index: int
    province: Province
    district: District
    street: str
    name: str
    road: str
    road_no: int
    residents: int
    """How many people live here (the compound is filled up to this)."""
    rural: bool
    """A village of numbered houses instead of buildings of flats."""
    floors: int
    units: int
    rooms_per_floor: int
    hotspot: bool
    """Neighbour feuds are much more common here."""

    def address(self, **flat) -> Address:
        return Address(
            self.district.province,
            self.district.city,
            self.district.name,
            self.street,
            self.name,
            road=self.road,
            road_no=self.road_no,
            building_words=self.province.building_words,
            room_words=self.province.room_words,
            **flat,
        )


class City:
    def __init__(
        self, seed: int, world: WorldRates, provinces: tuple[str, ...] = DEFAULT_PROVINCES
    ) -> None:
        self._rng = Random(f"{seed}/city")
        self._world = world
        self._names: set[str] = set()
        chosen = [PROVINCES[key] for key in dict.fromkeys(provinces)]
        self._province_of = {d.code: p for p in chosen for d in p.districts}
        self._districts = (
            chosen[0].pick_district()
            if len(chosen) == 1
            else Weighted.by(  # each province an equal share of the compounds
                [d for p in chosen for d in p.districts],
                lambda d: d.weight / sum(x.weight for x in self._province_of[d.code].districts),
            )
        )

    def compounds(self, persons: int) -> Iterator[CompoundPlan]:
        """Compounds until `persons` people live in the city."""
        index, left = 0, persons
        while left > 0:
            plan = self._plan(index, left)
            left -= plan.residents
            index += 1
            yield plan

    def _plan(self, index: int, left: int) -> CompoundPlan:
        rng = self._rng
        district = self._districts.pick(rng)
        rural = bool(district.villages) and rng.random() < 0.35
        if rural:
            town, village = rng.choice(district.villages).split("/")
            name, street, road, size = self._unique(village), town, "", rng.randint(200, 700)
            floors, units, rooms = 0, 0, 0
        else:
            old = rng.random() < 0.45
            name = self._compound_name(rng, old)
            street, road = rng.choice(district.streets), rng.choice(district.roads)
            size = rng.randint(150, 700) if old else rng.randint(300, 1500)
            floors = 6 if old else rng.choice((11, 18, 26, 33))
            units = rng.choice((2, 3, 3, 4)) if old else rng.choice((0, 1, 2, 2))
            rooms = 2 if old else rng.choice((2, 3, 4))
        return CompoundPlan(
            index=index,
            province=self._province_of[district.code],
            district=district,
            street=street,
            name=name,
            road=road,
            road_no=0 if rural else rng.randrange(1, 900),
            residents=min(size, left),
            rural=rural,
            floors=floors,
            units=units,
            rooms_per_floor=rooms,
            hotspot=rng.random() < self._world.hotspot_compound,
        )

    def _compound_name(self, rng: Random, old: bool) -> str:
        stem = rng.choice(_STEMS)
        if old and rng.random() < 0.4:
            return self._unique(f"{stem}{chinese_numeral(rng.randint(1, 9))}区")
        return self._unique(stem + rng.choice(_OLD_SUFFIXES if old else _NEW_SUFFIXES))

    def _unique(self, name: str) -> str:
        """The name, or the name with a phase (二期, 三期...) when it is taken."""
        candidate, phase = name, 1
        while candidate in self._names:
            phase += 1
            candidate = f"{name}{chinese_numeral(phase)}期"
        self._names.add(candidate)
        return candidate


def address_elsewhere_in_city(rng: Random, province: Province) -> Address:
    """A flat somewhere else in the province's city (an older home, a landlord's home)."""
    district = _picks(province).pick(rng)
    return Address(
        district.province,
        district.city,
        district.name,
        rng.choice(district.streets),
        rng.choice(_STEMS) + rng.choice(_OLD_SUFFIXES + _NEW_SUFFIXES),
        road=rng.choice(district.roads),
        road_no=rng.randrange(1, 900),
        building=rng.randint(1, 30),
        unit=rng.randint(1, 3),
        room=rng.randint(1, 18) * 100 + rng.randint(1, 4),
    )


_PICKS: dict[str, Weighted[District]] = {}


def _picks(province: Province) -> Weighted[District]:
    if province.key not in _PICKS:
        _PICKS[province.key] = province.pick_district()
    return _PICKS[province.key]


def pick_origin(rng: Random, ethnicity: str) -> Origin:
    """Where a floating family's 户籍 is: a place their people come from."""
    return _ORIGINS_OF.get(ethnicity, _ORIGINS_OF["汉族"]).pick(rng)


def origin_address(rng: Random, origin: Origin) -> Address:
    """A village address in the origin district (invented town and village)."""
    return Address(
        origin.province,
        "" if origin.city == origin.province else origin.city,
        origin.district,
        rng.choice(TOWN_STEMS) + "镇",
        rng.choice(VILLAGE_STEMS) + "村",
        house_no=rng.randint(1, 200),
    )
