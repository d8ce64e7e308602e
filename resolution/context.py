"""Contextual linking of name-only parties: the place, the residents there, the caller.

A dispatch party known by name only (no phone, no ID number: most often the other
party of a dispute, 对方当事人) scores too low against the registry for pairwise
linking, yet the incident says where it happened and who called. After the three
stages of resolution.linking, every person made only of such records (or of
callers on a phone no registered person gave) is placed, in this order:

1. **Repetition.** Persons with the same name named by the same caller (or
   another identified party of the incidents) at the same compound across
   incidents are one person: the neighbour a caller keeps calling about.
2. **Place and residents.** The incident's address, as specific as it is
   written: the registry residents of that flat, else of that building, else of
   that compound; then the same at the callers' homes (a party on the caller's
   side is often of the caller's household). The party joins the one registry
   person there with the same name key (traditional forms and stray spaces are
   already normalised away; a name many registered persons share needs a flat
   or building, SHARED_NAME) or, at a flat, the same sound (a homophone typed by
   ear). A placeholder (钱某某, 蔡先生) joins the one resident of the incident's
   flat with that surname, only at a flat and never at the caller's own.
3. **A unique name.** Last, a full name of three characters or more that one
   registered person alone carries, in the incident's province (a bureau's
   registry is its own area), at a lower score; for a name nobody registered
   carries, the one registered person whose name has its sound.

A caller on an unregistered phone is placed at a flat or building only. Never
more than one candidate at the level decided on, never a person the record is
kept apart from (a human decision, or the caller of the same incident), never a
resident whose sex disagrees: where the context does not single out one person,
the party stays as it was, and a placeholder with nothing else stays alone. Each
link gets a sentence saying why (`ContextLink.reason`).

`link_in_context` is all the batch path needs: it reads records and a Linkage
and changes the Linkage in place. A batch holds only the stored records near its
own, so it passes how many registered persons carry each of its names (from the
state's registry-name index) and the records of a name's one bearer: it then
decides as a whole-history run over the same records would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from resolution.linking import Linkage
from resolution.normalise._divisions import divisions
from resolution.normalise.names import parse_name
from resolution.record import PersonRecord

CALLER = "报警人"
LEVELS = ("flat", "building", "compound")
CONTEXT_SCORE = 0.9
"""The confidence a contextual link is given (links.csv's score)."""
UNIQUE_NAME_SCORE = 0.6
"""A link by a registry-unique name alone: a weaker link than a place gives."""
UNIQUE_NAME_LENGTH = 3
"""Two-character names (张敏) are shared by too many to be unique in any real registry."""
SHARED_NAME = {"flat": 1_000_000, "building": 3, "compound": 2}
"""How many registry persons may share a name for it to single one out at each level: at a
compound, a name two people in the whole registry have may still be the one there, a common
name (张敏, or one of the few given names a people shares) says too little."""

BEARERS_COUNTED = max(n for level, n in SHARED_NAME.items() if level != "flat")
"""Up to how many registered bearers of a name a batch must count exactly (beyond, a name
says nothing but at a flat)."""


@dataclass(frozen=True)
class ContextLink:
    record: int
    joined: int
    """A member of the person the record joined."""
    kind: str
    """"repetition", "name", "sound" or "surname"."""
    level: str
    incidents: int
    """How many incidents the evidence spans."""
    reason: str


@dataclass(frozen=True)
class _Place:
    district: str
    compound: str
    building: str
    flat: str
    city: str


def link_in_context(
    records: Sequence[PersonRecord],
    linkage: Linkage,
    new: Iterable[int],
    cannot_link: set[tuple[int, int]],
    bearers: Mapping[str, int] | None = None,
) -> list[ContextLink]:
    """Place the name-only persons among `new` records (see the module docstring).

    `records` hold the whole registry in a full resolve. A batch holds only the stored
    records near its own and passes `bearers`: the names that more than BEARERS_COUNTED
    registered persons carry, with that count; the registry records of every other name's
    bearers are among `records`."""
    state = _Context(records, linkage, cannot_link, bearers)
    candidates = [i for i in new if state.unplaced(i) and state.alone(i)]
    links = state.repetitions(candidates)
    for group in sorted({linkage.group_of[i] for i in candidates}):
        if state.alone_group(group):
            link = state.place(group)
            if link is not None:
                links.append(link)
    return links


def name_only(source: str, model: Mapping[str, str | None]) -> bool:
    """A party neither a phone nor an ID number identifies."""
    return source != "population" and not (model.get("phones") or model.get("id_number"))


def resident_flats(source: str, model: Mapping[str, str | None]) -> list[str]:
    """The flats where contextual linking counts a record as a resident (`_Context`): a
    registry record at its addresses, a party a phone or ID number identifies at the
    incident's flat. A batch fetches the residents of its name-only parties' flats by
    these (resolution.state), as a whole run holds them all."""
    return [] if name_only(source, model) else _flats_of(model)


def party_flats(source: str, model: Mapping[str, str | None]) -> list[str]:
    """The incidents' flats of a name-only party: a resident who arrives at one may be the
    one contextual linking would place it with, so a batch that brings one links such
    parties again (resolution.batch)."""
    return _flats_of(model) if name_only(source, model) else []


def _flats_of(model: Mapping[str, str | None]) -> list[str]:
    return [p.flat for p in _places_of(model.get("addresses") or "") if p.flat]


def incident_flats(record: PersonRecord) -> list[str]:
    """The flats a party's incident was at, where its residents may be the party."""
    return [p.flat for p in _places(record) if p.flat]


def _places(record: PersonRecord) -> tuple[_Place, ...]:
    return _places_of(record.model.get("addresses") or "")


@lru_cache(maxsize=1 << 16)
def _places_of(addresses: str) -> tuple[_Place, ...]:
    """The places of a record's address keys (district|road|compound|building|unit|room|city)."""
    out = []
    for key in addresses.split(";"):
        parts = (key.split("|") + [""] * 7)[:7]
        district, road, compound, building, unit, room, city = parts
        place = compound or road
        if not place:
            out.append(_Place(district, "", "", "", city))
            continue
        building_key = f"{place}|{building}" if building else ""
        flat = f"{building_key}|{unit}|{room}" if building_key and room else ""
        if not building and room.startswith("#"):  # a village house
            flat = f"{place}|{room}"
        out.append(_Place(district, place, building_key, flat, city))
    return tuple(out)


class _Context:
    def __init__(
        self,
        records: Sequence[PersonRecord],
        linkage: Linkage,
        cannot: set[tuple[int, int]],
        registry_bearers: Mapping[str, int] | None,
    ) -> None:
        self.records, self.linkage = records, linkage
        self.apart: dict[int, set[int]] = defaultdict(set)
        for a, b in cannot:
            self.apart[a].add(b)
            self.apart[b].add(a)
        self.members: dict[int, list[int]] = defaultdict(list)
        for record, group in linkage.group_of.items():
            self.members[group].append(record)
        # residents: ("flat", flat) -> registry record indexes living there, and the parties
        # a phone or an ID number identifies at an incident there (the caller at her own
        # door: the registry may list her at the flat next to it); above a flat only a name
        # fits (`_candidates`), so there (level, place, name) -> the residents of that name:
        # a compound's thousands of residents are not scanned for every party
        self.residents: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, record in enumerate(records):
            if i not in linkage.group_of:
                continue
            registered = record.source == "population"
            if not registered and not (record.phones or record.id_number):
                continue
            name = record.model.get("name")
            for place in _places(record):
                if place.flat:
                    self.residents[("flat", place.flat)].append(i)
                for level in LEVELS[1:] if registered and name else ():
                    if getattr(place, level):
                        self.residents[(level, getattr(place, level), name)].append(i)
        self.registry_phones = {
            phone for r in records if r.source == "population" for phone in r.phones
        }
        bearers: dict[str, set[int]] = defaultdict(set)
        for i, record in enumerate(records):
            if record.source == "population" and record.model.get("name"):
                bearers[record.model["name"]].add(linkage.group_of[i])
        self.bearers = {name: len(groups) for name, groups in bearers.items()}
        for name, count in (registry_bearers or {}).items():
            self.bearers[name] = max(count, self.bearers.get(name, 0))
        """name key -> how many registry persons carry it."""
        self.bearer: dict[str, int] = {}
        """name key -> a registry record of the one person who carries it."""
        for i, record in enumerate(records):
            name = record.model.get("name")
            if record.source == "population" and name and self.bearers[name] == 1:
                self.bearer.setdefault(name, i)
        self.callers: dict[str, list[int]] = defaultdict(list)
        """incident -> its identified parties: the caller, and any party with a phone or ID."""
        for i, record in enumerate(records):
            identified = record.role == CALLER or record.phones or record.id_number
            if record.source == "dispatch" and record.incident_id and identified:
                self.callers[record.incident_id].append(i)

    def alone(self, record: int) -> bool:
        return self.alone_group(self.linkage.group_of[record])

    def alone_group(self, group: int) -> bool:
        """A person made only of name-only party records."""
        return all(self.unplaced(m) for m in self.members[group])

    def unplaced(self, record: int) -> bool:
        """A party with no ID number and no phone the registry knows: a name-only party, or a
        caller on a phone of their own that no registered person gave."""
        r = self.records[record]
        return (
            r.source != "population"
            and not r.id_number
            and not any(p in self.registry_phones for p in r.phones)
        )

    # --- repetition ---

    def repetitions(self, candidates: list[int]) -> list[ContextLink]:
        """Join the persons one caller (or another identified co-party) named by one name at
        one compound in several incidents."""
        named: dict[tuple[int, str, str], list[int]] = defaultdict(list)
        for i in candidates:
            record = self.records[i]
            name = record.model.get("name")
            if not name or record.placeholder or not record.incident_id:
                continue
            callers = {self.linkage.group_of[c] for c in self.callers.get(record.incident_id, ())}
            for place in {p.compound for p in _places(record)}:
                for caller in callers:
                    named[(caller, name, place)].append(i)
        links = []
        for (_caller, _name, _place), found in sorted(named.items()):
            incidents = {self.records[i].incident_id for i in found}
            groups = sorted({self.linkage.group_of[i] for i in found})
            if len(incidents) < 2 or len(groups) < 2:
                continue
            if any(self._forbidden(i, groups[0]) for i in found):
                continue
            level = self._common_level([self.records[i] for i in found])
            anchor = min(i for i in found if self.linkage.group_of[i] == groups[0])
            for group in groups[1:]:
                for member in list(self.members[group]):
                    self._move(member, groups[0])
                    links.append(
                        ContextLink(
                            member,
                            anchor,
                            "repetition",
                            level,
                            len(incidents),
                            f"linked because the same caller named {_pronoun(self.records[member])} "
                            f"at the same {level} in {len(incidents)} incidents",
                        )
                    )
        return links

    def _common_level(self, records: list[PersonRecord]) -> str:
        for level in ("flat", "building"):
            values = [{getattr(p, level) for p in _places(r)} - {""} for r in records]
            if values and all(values) and set.intersection(*values):
                return level
        return "compound"

    # --- place and residents ---

    def place(self, group: int) -> ContextLink | None:
        """Join the group to the one registry person its context points at, if there is one:
        at the incidents' places first, then at the callers' homes (a party on the caller's
        side, or the other party of a family dispute, is often of the caller's household)."""
        members = list(self.members[group])
        records = [self.records[m] for m in members]
        incidents = len({r.incident_id for r in records if r.incident_id})
        phoned = any(r.phones for r in records)  # a phone nobody registered: a stranger's, too
        levels = ("flat", "building") if phoned else LEVELS
        for whose, places in (
            ("incident", [p for r in records for p in _places(r)]),
            ("caller", self._callers_places(records)),
        ):
            for level in levels:
                keys = {getattr(p, level) for p in places} - {""}
                found = self._candidates(group, records, places, level, keys)
                if not found:
                    continue
                if len(found) != 1:
                    return None  # two residents fit equally: leave it to a person to decide
                (target, (kind, resident)) = next(iter(found.items()))
                if any(self._forbidden(m, target) for m in members):
                    return None
                for m in members:
                    self._move(m, target)
                reason = _reason(kind, level, whose, records[0], self.records[resident], incidents)
                return ContextLink(members[0], resident, kind, level, incidents, reason)
        return None if phoned else self._only_bearer(members, records, incidents)

    def _only_bearer(
        self, members: list[int], records: list[PersonRecord], incidents: int
    ) -> ContextLink | None:
        """The one person of the registry with the party's full name, in the incident's
        province: a name of three characters or more (or a minority name) that nobody else
        registered carries. Weaker than a place, so it is scored lower (UNIQUE_NAME_SCORE); a
        homophone is not enough here (in a registry of thousands, a name's sound is often another
        resident's name)."""
        resident = self._unique_bearer(records)
        if resident is None:
            return None
        other = self.records[resident]
        sex = next((r.sex for r in records if r.sex), None)
        if sex and other.sex and sex != other.sex:
            return None
        region = _shared_region(records, other)
        if region is None:
            return None
        target = self.linkage.group_of[resident]
        if any(self._forbidden(m, target) for m in members):
            return None
        for m in members:
            self._move(m, target, UNIQUE_NAME_SCORE)
        reason = (
            f"linked because {other.name} is the only person of that name in the registry, "
            f"and lives in {region} where the incident happened"
        )
        return ContextLink(members[0], resident, "unique name", "region", incidents, reason)

    def _unique_bearer(self, records: list[PersonRecord]) -> int | None:
        """The registry record of the one person the party's names point at. Several spellings
        of one sound (杨琛轩, 洋琛轩: a caller's typing) may point at the one of them a single
        registered person carries, as long as nobody registered carries the others."""
        names = {r.model.get("name") for r in records} - {None}
        sounds = {r.model.get("pinyin") for r in records} - {None}
        if not names or (len(names) > 1 and len(sounds) != 1):
            return None
        if any(len(name) < UNIQUE_NAME_LENGTH for name in names):
            return None
        borne = [name for name in names if self.bearers.get(name, 0)]
        return self.bearer.get(borne[0]) if len(borne) == 1 else None

    def _candidates(
        self,
        group: int,
        records: list[PersonRecord],
        places: list[_Place],
        level: str,
        keys: set[str],
    ) -> dict[int, tuple[str, int]]:
        """Persons at the place whose name fits: group -> (kind, resident record); at a flat
        also a homophone, or the surname of a registered resident."""
        name = next((r.model.get("name") for r in records if r.model.get("name")), None)
        sound = next((r.model.get("pinyin") for r in records if r.model.get("pinyin")), None)
        placeholder = all(r.placeholder for r in records)
        surname = _surname(records) if placeholder else None
        sex = next((r.sex for r in records if r.sex), None)
        districts = {p.district for p in places} - {""}
        found: dict[int, tuple[str, int]] = {}
        for key in sorted(keys):
            at = (level, key) if level == "flat" else (level, key, name)
            for resident in self.residents.get(at, ()):
                if self.linkage.group_of[resident] == group:
                    continue
                other = self.records[resident]
                kind = None
                if name and other.model.get("name") == name:
                    kind = "name" if self.bearers.get(name, 0) <= SHARED_NAME[level] else None
                elif sound and level == "flat" and other.model.get("pinyin") == sound:
                    kind = "sound"
                elif surname and level == "flat" and other.source == "population":
                    same = _surname([other]) == surname and key not in self._callers_flats(records)
                    kind = "surname" if same else None
                if kind is None or (sex and other.sex and sex != other.sex):
                    continue
                if self._same_district(districts, other):
                    found.setdefault(self.linkage.group_of[resident], (kind, resident))
        return found

    def _same_district(self, districts: set[str], resident: PersonRecord) -> bool:
        theirs = {p.district for p in _places(resident)} - {""}
        if not districts or not theirs:
            return True
        table = divisions()
        return any(table.compatible(a, b) for a in districts for b in theirs)

    def _callers_places(self, records: list[PersonRecord]) -> list[_Place]:
        """Where the incidents' callers (and other identified parties) live, by the registry."""
        places: list[_Place] = []
        for record in records:
            for caller in self.callers.get(record.incident_id or "", ()):
                for member in self.members[self.linkage.group_of[caller]]:
                    if self.records[member].source == "population":
                        places += _places(self.records[member])
        return places

    def _callers_flats(self, records: list[PersonRecord]) -> set[str]:
        """The flats the incidents' callers live at: a placeholder there may be anyone of the
        caller's household, so a surname alone says nothing."""
        return {p.flat for p in self._callers_places(records)}

    # --- bookkeeping ---

    def _forbidden(self, record: int, group: int) -> bool:
        return any(self.linkage.group_of.get(o) == group for o in self.apart.get(record, ()))

    def _move(self, record: int, group: int, score: float = CONTEXT_SCORE) -> None:
        old = self.linkage.group_of[record]
        self.members[old].remove(record)
        self.members[group].append(record)
        self.linkage.group_of[record] = group
        self.linkage.score_of[record] = score
        self.linkage.stage_of[record] = "context"


def _shared_region(records: Sequence[PersonRecord], resident: PersonRecord) -> str | None:
    """The city (else the province) the incidents and the resident's home share, if any. An
    incident written with a district only (西湖区...) is in every province having one."""
    places = [p for r in records for p in _places(r)]
    homes = _places(resident)
    cities = ({p.city for p in places} & {p.city for p in homes}) - {""}
    if cities:
        return min(cities)
    table = divisions()
    theirs = set().union(*(table.provinces_of(p.city, p.district) for p in homes))
    ours = set().union(*(table.provinces_of(p.city, p.district) for p in places))
    shared = ours & theirs
    return min(shared) if shared else None


def _surname(records: Sequence[PersonRecord]) -> str | None:
    for record in records:
        parsed = parse_name(record.name_raw)
        if parsed is not None and parsed.surname:
            return parsed.surname
    return None


def _pronoun(record: PersonRecord) -> str:
    return {"F": "her", "M": "him"}.get(record.sex or "", "them")


def _reason(
    kind: str,
    level: str,
    whose: str,
    record: PersonRecord,
    resident: PersonRecord,
    incidents: int,
) -> str:
    if whose == "caller":
        where = f"the caller's {level}"
    else:
        where = f"the incident's {level}" if incidents < 2 else f"the {level} of its incidents"
    spans = f" ({incidents} incidents)" if incidents > 1 else ""
    written = record.name_raw or record.name
    if kind == "surname":
        return (
            f"linked because {written} names a {_surname([record])} and {resident.name} is the "
            f"one resident of that surname at {where}{spans}"
        )
    registered = resident.source == "population"
    if kind == "sound":
        who = "resident of that name's sound" if registered else "person of that name's sound"
        placed = "" if registered else " a phone or ID number places"
        return (
            f"linked because {written} sounds like {resident.name}, the one {who}{placed} "
            f"at {where}{spans}"
        )
    who = (
        "resident of that name" if registered else "person of that name a phone or ID number places"
    )
    return f"linked because {resident.name} is the one {who} at {where}{spans}"
