"""Normalised rows: person records, incidents, cases and the address book.

The glue between the readers (resolution.sources) and the model: each row's
values go through the normalisers and come out as the fields the comparisons
read (resolution.comparisons) plus what persons.csv and the graph show.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from resolution.normalise.address import Address, parse_address
from resolution.normalise.dates import parse_date, parse_datetime
from resolution.normalise.idnumber import parse_id
from resolution.normalise.names import parse_name
from resolution.normalise.phone import parse_phones
from resolution.normalise.pinyin import name_pinyin
from resolution.normalise.sex import parse_sex
from resolution.record import PersonRecord
from resolution.schema import AddressRow, CaseRow, IncidentRow
from resolution.sources import SourceRow


def timestamp(raw: str | None) -> str | None:
    """ISO date-time (or date) of a platform's time field; None when unreadable."""
    value = parse_datetime(raw).value
    return value.isoformat() if value else None


class AddressBook:
    """Distinct addresses, each with an id derived from what identifies it.

    A flat (or village house) is identified by its city, district and flat key, so that its
    spellings (with the road and number, or with the sub-district instead) are one
    address: one node in the graph, where "who else lives here" finds everyone. The
    spelling with the most levels written describes it. Anything above flat level is
    identified by all its levels (Address.key).
    """

    def __init__(self) -> None:
        # identity -> its describing spelling (parsed, as written, its comparison key) and
        # its id; the entry (AddressRow) is built once, in `all`, from the best spelling
        self._known: dict[str, tuple[Address, str, str, str]] = {}
        self._identity_of_id: dict[str, str] = {}

    def add(self, raw: str | None) -> str | None:
        spelling = _spelling(raw)
        if spelling is None:
            return None
        parsed, identity, address_id, levels = spelling
        known = self._known.get(identity)
        if known is None or levels > _levels(known[0]):
            self._known[identity] = (parsed, raw or "", parsed.key, address_id)
            self._identity_of_id[address_id] = identity
        return address_id

    def key_of(self, address_id: str | None) -> str | None:
        """The comparison key (Address.key) of the address's describing spelling."""
        identity = self._identity_of_id.get(address_id) if address_id else None
        return self._known[identity][2] if identity else None

    def aliases(self) -> dict[str, str]:
        """Ids of flats written without their district, each to the id of the flat with
        the same flat key that names its district (and the same city, if written):
        聚才路127号南都府4幢1单元903室 is the flat of 浙江省杭州市滨江区聚才路127号南都府….
        Where two districts hold such a flat, it is left alone: nobody can tell which."""
        named: dict[str, list[NamedFlat]] = defaultdict(list)
        for parsed, _, _, address_id in self._known.values():
            if parsed.flat_key is not None and parsed.district_key:
                named[parsed.flat_key].append(
                    NamedFlat(address_id, parsed.district_key, parsed.city, levels_rank(parsed))
                )
        out = {}
        for parsed, _, _, own_id in self._known.values():
            if parsed.flat_key is None or parsed.district_key:
                continue
            target = flat_named(parsed.city, named[parsed.flat_key])
            if target is not None:
                out[own_id] = target
        return out

    def all(self, aliases: dict[str, str] | None = None) -> list[AddressRow]:
        """Every address but those `aliases` send to another."""
        kept = sorted(
            (address_id, parsed, raw)
            for parsed, raw, _, address_id in self._known.values()
            if address_id not in (aliases or {})
        )
        return [_address_entry(parsed, raw, address_id) for address_id, parsed, raw in kept]


class NamedFlat(NamedTuple):
    """A flat whose spelling names its district: what a flat written without one may be."""

    address_id: str
    district_key: str
    city: str | None
    levels: int


def flat_named(city: str | None, candidates: Iterable[NamedFlat]) -> str | None:
    """The flat that a spelling without its district (in `city`, if written) names, among
    the named flats with its flat key: None when two districts (or two cities) hold one.
    Spellings of one flat with and without its city are one place, and the fullest
    describes it, so the choice does not depend on which spellings were seen first."""
    fitting = [c for c in candidates if not city or c.city == city]
    districts = {c.district_key for c in fitting}
    cities = {c.city for c in fitting if c.city}
    if len(districts) != 1 or len(cities) > 1:
        return None
    return min(fitting, key=lambda c: (-c.levels, c.address_id)).address_id


def clear_cache() -> None:
    """Let the spellings go once a run's rows are normalised (resolution.normalise.caches)."""
    _spelling.cache_clear()


@lru_cache(maxsize=1 << 18)
def _spelling(raw: str | None) -> tuple[Address, str, str, tuple[int, bool]] | None:
    """(parsed, identity, id, levels) of one spelling: addresses repeat heavily (a flat's
    residents, a compound's incidents), and each distinct one is worked out once."""
    parsed = parse_address(raw)
    if parsed is None:
        return None
    identity = _identity(parsed)
    return parsed, identity, _id("A", identity), _levels(parsed)


def _identity(a: Address) -> str:
    if a.flat_key is not None:
        return f"flat|{a.city or ''}|{a.district_key or ''}|{a.flat_key}"
    return a.key


def _levels(a: Address) -> tuple[int, bool]:
    """How fully a spelling describes its address; the road with its number wins a tie."""
    written = (a.province, a.city, a.district, a.street, a.road, a.compound, a.unit)
    return sum(1 for value in written if value), a.road is not None


def _address_entry(a: Address, raw: str, address_id: str) -> AddressRow:
    level = next(
        (
            name
            for name, value in (
                ("room", a.room or a.house),
                ("building", a.building),
                ("compound", a.compound),
                ("road", a.road),
                ("district", a.district),
            )
            if value
        ),
        "unknown",
    )
    district = a.district_key or ""
    return {
        "address_id": address_id,
        "text": a.text or raw.strip(),
        "province": a.province,
        "city": a.city,
        "district": a.district_key or a.district,
        "road": a.road,
        "compound": a.compound,
        "building": a.building,
        "unit": a.unit,
        "room": a.room or (f"{a.house}号" if a.house else None),
        "level": level,
        "building_key": _id("B", f"{district}|{a.building_key}") if a.building_key else None,
        "compound_key": _id("C", f"{district}|{a.compound_key}") if a.compound_key else None,
        "compound_name": a.compound_key,
        "flat_key": a.flat_key,
        "district_key": a.district_key,
        "levels": levels_rank(a),
    }


def levels_rank(a: Address) -> int:
    """`_levels` as one number, kept with each address so that a later batch's spelling
    replaces the stored one only when it describes the address more fully."""
    count, road = _levels(a)
    return count * 2 + int(road)


def _id(prefix: str, key: str) -> str:
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12].upper()


# --- rows -----------------------------------------------------------------------------


def person(row: SourceRow, source: str, addresses: AddressBook) -> PersonRecord:
    f = row.fields
    name = parse_name(f.get("name"))
    sound = name_pinyin(name)
    id_number = parse_id(f.get("id_number"))
    stated_birth = parse_date(f.get("birth_date")).value
    birth = stated_birth or (id_number.birth_date if id_number and id_number.valid else None)
    stated_sex = parse_sex(f.get("gender")) or (name.sex_hint if name else None)
    record = PersonRecord(
        source=source,
        record_id=f.get("record_id") or f.get("party_id") or "",
        file=row.file,
        line=row.line,
        raw=dict(row.raw),
        model={},
        name=name.display if name and not name.is_placeholder else None,
        name_raw=f.get("name") or None,
        placeholder=name is None or name.is_placeholder,
        pinyin=sound.full if sound else None,
        id_number=id_number.value if id_number else None,
        id_valid=id_number.valid if id_number else None,
        phones=list(parse_phones(f.get("phone"))),
        sex=stated_sex or (id_number.sex if id_number and id_number.valid else None),
        birth_date=birth.isoformat() if birth else None,
        ethnicity=f.get("ethnicity") or None,
        updated_at=timestamp(f.get("updated_at")),
        role=f.get("role") or None,
        incident_id=f.get("incident_id") or None,
        case_id=f.get("case_id") or None,
    )
    if source == "population":
        record.address_id = addresses.add(f.get("residence_address"))
        record.household_address_id = addresses.add(f.get("household_address"))
    elif source == "case":
        record.address_id = addresses.add(f.get("address"))
    keys = [addresses.key_of(a) for a in (record.address_id, record.household_address_id) if a]
    record.model = model_fields(record, name.key if name else None, keys)
    return record


def add_location(record: PersonRecord, addresses: AddressBook, address_id: str | None) -> None:
    """Add an incident's or case's address as the record's location evidence."""
    key = addresses.key_of(address_id)
    if key:
        existing = record.model.get("addresses")
        record.model["addresses"] = f"{existing};{key}" if existing else key


def model_fields(
    record: PersonRecord, name_key: str | None, address_keys: list[str]
) -> dict[str, str | None]:
    return {
        "name": name_key,
        "pinyin": record.pinyin,
        "id_number": record.id_number,
        "birth_date": record.birth_date.replace("-", "") if record.birth_date else None,
        "sex": record.sex,
        "phones": " ".join(record.phones) or None,
        "addresses": ";".join(dict.fromkeys(address_keys)) or None,
    }


def incident(row: SourceRow, addresses: AddressBook) -> IncidentRow:
    f = row.fields
    return {
        "incident_id": f.get("incident_id"),
        "reported_at": timestamp(f.get("reported_at")),
        "category": f.get("category") or None,
        "address_id": addresses.add(f.get("address")),
        "address_text": f.get("address") or None,
        "summary": f.get("summary") or None,
        "disposition": f.get("disposition") or None,
        "case_id": f.get("case_id") or None,
        "file": row.file,
        "line": row.line,
        "raw": dict(row.raw),
    }


def case(row: SourceRow, addresses: AddressBook) -> CaseRow:
    f = row.fields
    return {
        "case_id": f.get("case_id"),
        "opened_at": timestamp(f.get("opened_at")),
        "case_type": f.get("case_type") or None,
        "status": f.get("status") or None,
        "address_id": addresses.add(f.get("address")),
        "address_text": f.get("address") or None,
        "summary": f.get("summary") or None,
        "source_incident_id": f.get("source_incident_id") or None,
        "file": row.file,
        "line": row.line,
        "raw": dict(row.raw),
    }
