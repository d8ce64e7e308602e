"""Addresses, and the many ways one address gets written.

The registry writes an address in full, the way the household register has
it (浙江省杭州市西湖区翠苑街道翠苑一区3幢2单元501室). People calling 110 and
officers typing a case write it as they say it: without province, city or
district, with the road in front, 栋 or 号楼 for 幢, Chinese numerals, the
3-2-501 shorthand, 号 or nothing after the room.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from resolution.synthetic.noise import Noise, Where


@dataclass(frozen=True, slots=True)
class Address:
    province: str
    city: str
    district: str
    street: str
    """街道 or 镇."""
    compound: str
    """The residential compound (小区) or village (村)."""
    road: str = ""
    road_no: int = 0
    building: int = 0
    unit: int = 0
    """0 for a building with a single staircase: then no 单元 is written."""
    room: int = 0
    house_no: int = 0
    """A village house's number (村 37号), instead of building/unit/room."""
    spot: str = ""
    """A place at the address rather than a flat: 东门, 楼下, 地下车库."""
    building_words: tuple[str, ...] = field(default=("栋", "号楼"), compare=False)
    """How callers of the address's province write 幢 when they do not write 幢."""
    room_words: tuple[str, ...] = field(default=("号", ""), compare=False)

    def building_level(self) -> Address:
        return replace(self, room=0)

    def at(self, spot: str) -> Address:
        return replace(self, room=0, spot=spot)

    def formal(self) -> str:
        """As the household register writes it; also the canonical form used in truth."""
        flat = ""
        if self.building:
            flat = f"{self.building}幢" + (f"{self.unit}单元" if self.unit else "")
            flat += f"{self.room}室" if self.room else ""
        elif self.house_no:
            flat = f"{self.house_no}号"
        return (
            f"{self.province}{self.city}{self.district}{self.street}{self.compound}"
            f"{flat}{self.spot}"
        )


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1..99 as spoken: 三, 十二, 二十一."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def free_typed(address: Address, noise: Noise, where: Where) -> str:
    """The address as a caller says it or an officer types it."""
    return _region(address, noise, where) + _place(address, noise, where) + address.spot


def _region(address: Address, noise: Noise, where: Where) -> str:
    if not noise.roll("address_drop_province", where):
        return address.province + address.city + address.district
    if not noise.roll("address_drop_city", where):
        return address.city + address.district
    if not noise.roll("address_drop_district", where):
        return address.district
    return ""


def _place(address: Address, noise: Noise, where: Where) -> str:
    road = ""
    if address.road and not noise.roll("address_drop_road", where):
        road = f"{address.road}{address.road_no}号"
    if address.house_no:
        return f"{road}{address.compound}{address.house_no}号"
    if not address.building:
        return road + address.compound
    return road + address.compound + _flat(address, noise, where)


def _flat(address: Address, noise: Noise, where: Where) -> str:
    b, u, room = address.building, address.unit, address.room
    if room and noise.roll("address_shorthand", where):
        return f"{b}-{u}-{room}" if u else f"{b}-{room}"
    numeral = chinese_numeral if noise.roll("address_chinese_numerals", where) else str
    word = "幢"
    if noise.roll("address_building_word", where):
        word = noise.rng.choice(address.building_words)
    text = numeral(b) + word + (numeral(u) + "单元" if u else "")
    if room:
        suffix = (
            noise.rng.choice(address.room_words) if noise.roll("address_room_word", where) else "室"
        )
        text += f"{room}{suffix}"
    return text
