"""The graph as GraphQL types: people, places, incidents, cases, disputes, networks.

Each type is built from a Cypher row by `of_row`. Fields that reach further into
the graph are resolved through `Context.related`, which batches the ids of a
whole request into one round trip per statement (no N+1). Identity fields are
masked unless the role may see them in full.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from api.graphql import viewed
from api.graphql.errors import ClientError
from api.graphql.paging import Connection, RoleConnection, connection, role_connection, window
from api.security.masking import (
    FieldMeanings,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    mask_text,
)
from api.security.roles import Permission

Row = dict[str, Any]


@strawberry.enum(description="How a person is tied to an address.")
class AddressKind(Enum):
    LIVES_AT = "LIVES_AT"
    REGISTERED_AT = "REGISTERED_AT"


def time_window(since: date | None, until: date | None) -> dict[str, datetime | None]:
    """Cypher bounds for `since`..`until`, both days included: from the midnight that starts
    `since` to the one that ends `until` (the driver sends them as LOCAL DATETIME, which the
    graph's times are)."""
    return {
        "since": midnight(since),
        "until": midnight(until + timedelta(days=1)) if until else None,
    }


def midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time()) if day else None


def shown(info: Info, text: str | None) -> str | None:
    """Free text as the caller may read it: ID numbers and phones in it masked unless
    the role may see them in full."""
    if info.context.may(Permission.SEE_FULL_IDENTITY):
        return text
    return mask_text(text)


def iso(value: Any) -> str | None:
    """A date or time of the graph (a Neo4j DATE or LOCAL DATETIME) as the ISO 8601 text the
    API shows: '1998-12-04', '2024-06-23T20:57:26'. Every such field goes through here."""
    return value.to_native().isoformat() if value is not None else None


@strawberry.type(description="One resolved person; `id` is the person_id of links.csv.")
class Person:
    id: strawberry.ID
    name: str | None
    pinyin: str | None
    sex: str | None
    ethnicity: str | None
    record_count: int | None
    sources: str | None = strawberry.field(
        description="Records per platform, e.g. population:1;dispatch:3."
    )
    raw_id_number: strawberry.Private[str | None]
    raw_phones: strawberry.Private[list[str]]
    raw_birth_date: strawberry.Private[str | None]

    @classmethod
    def of_row(cls, row: Row) -> Person:
        viewed.note(row["personId"])
        return cls(
            id=strawberry.ID(row["personId"]),
            name=row.get("name"),
            pinyin=row.get("pinyin"),
            sex=row.get("sex"),
            ethnicity=row.get("ethnicity"),
            record_count=row.get("recordCount"),
            sources=row.get("sources"),
            raw_id_number=row.get("idNumber"),
            raw_phones=list(row.get("phones") or []),
            raw_birth_date=iso(row.get("birthDate")),
        )

    @strawberry.field(
        description="Date of birth; the year only unless the role may see full identities "
        "(the date is eight digits of the ID number)."
    )
    def birth_date(self, info: Info) -> str | None:
        if info.context.may(Permission.SEE_FULL_IDENTITY):
            return self.raw_birth_date
        return mask_birth_date(self.raw_birth_date)

    @strawberry.field(description="Resident ID number; masked unless the role may see it.")
    def id_number(self, info: Info) -> str | None:
        if info.context.may(Permission.SEE_FULL_IDENTITY):
            return self.raw_id_number
        return mask_id_number(self.raw_id_number)

    @strawberry.field(description="Phone numbers; masked unless the role may see them.")
    def phones(self, info: Info) -> list[str]:
        if info.context.may(Permission.SEE_FULL_IDENTITY):
            return list(self.raw_phones)
        return [mask_phone(p) or "" for p in self.raw_phones]

    @strawberry.field(description="Where the person lives and is registered.")
    async def addresses(self, info: Info, kind: AddressKind | None = None) -> list[PersonAddress]:
        rows = await info.context.related(
            "api/person_addresses", self.id, kind=kind.value if kind else None
        )
        return [
            PersonAddress(kind=AddressKind(r["kind"]), address=Address.of_row(r["address"]))
            for r in rows
        ]

    @strawberry.field(description="110 incidents the person took part in, newest first.")
    async def incidents(
        self,
        info: Info,
        since: date | None = None,
        until: date | None = None,
        role: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> RoleConnection[Incident]:
        return await _involvements(
            info, "api/person_incidents", self.id, since, until, role, first, after, Incident.of_row
        )

    @strawberry.field(description="Cases the person is a party to, newest first.")
    async def cases(
        self,
        info: Info,
        since: date | None = None,
        until: date | None = None,
        role: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> RoleConnection[Case]:
        return await _involvements(
            info, "api/person_cases", self.id, since, until, role, first, after, Case.of_row
        )

    @strawberry.field(description="Dispute threads the person is party to, latest first.")
    async def disputes(self, info: Info, first: int | None = None) -> list[Dispute]:
        rows = await info.context.related("api/person_disputes", self.id)
        return [Dispute.of_row(r) for r in capped(info, rows, first)]

    @strawberry.field(
        description="The people this person is in dispute with, most incidents first."
    )
    async def counterparts(self, info: Info, first: int | None = None) -> list[Counterpart]:
        rows = capped(info, await info.context.related("api/counterparts", self.id), first)
        return [
            Counterpart(
                person=Person.of_row(r["person"]),
                incidents=r["incidents"],
                first_at=iso(r["first"]),
                last_at=iso(r["last"]),
            )
            for r in rows
        ]

    @strawberry.field(description="People registered (户籍) at the same flat.")
    async def household(self, info: Info, first: int | None = None) -> list[Person]:
        rows = await info.context.related("api/person_household", self.id)
        return [Person.of_row(r) for r in capped(info, rows, first)]

    @strawberry.field(description="The input rows merged into this person, and why each was.")
    async def source_records(self, info: Info, first: int | None = None) -> list[SourceRecord]:
        info.context.require(Permission.SEE_EVIDENCE)
        full = info.context.may(Permission.SEE_FULL_IDENTITY)
        rows = capped(info, await info.context.related("api/person_records", self.id), first)
        return [SourceRecord.of_row(r, None if full else info.context.meanings) for r in rows]

    @strawberry.field(description="Review candidates: persons that may be this one.")
    async def possible_duplicates(
        self, info: Info, first: int | None = None
    ) -> list[PossibleDuplicate]:
        rows = capped(info, await info.context.related("api/person_duplicates", self.id), first)
        return [
            PossibleDuplicate(
                person=Person.of_row(r["person"]), score=r["score"], reason=r["reason"]
            )
            for r in rows
        ]

    @strawberry.field(description="Repeat-dispute networks the person belongs to.")
    async def networks(self, info: Info, first: int | None = None) -> list[DisputeNetwork]:
        rows = await info.context.related("api/person_networks", self.id)
        return [DisputeNetwork.of_row(r) for r in capped(info, rows, first)]


@strawberry.type
class PersonAddress:
    kind: AddressKind
    address: Address


@strawberry.type
class Counterpart:
    person: Person
    incidents: int
    first_at: str | None
    last_at: str | None


@strawberry.type
class PossibleDuplicate:
    person: Person
    score: float | None
    reason: str | None


@strawberry.type
class Involvement:
    role: str | None
    person: Person


@strawberry.type(description="Why a field agreed or not, and how much it weighed in the merge.")
class FieldEvidence:
    field: str
    a: str | None
    b: str | None
    level: str | None
    weight: float | None


@strawberry.type(description="One input row, and the evidence that merged it into its person.")
class SourceRecord:
    key: strawberry.ID = strawberry.field(
        description="source:record_id, as decisions name records."
    )
    source: str
    record_id: str
    name: str | None
    name_raw: str | None
    id_number: str | None
    phones: list[str]
    role: str | None
    incident_id: str | None
    case_id: str | None
    file: str | None
    line: int | None
    raw: str | None = strawberry.field(
        description="The row as exported (JSON), identity masked by role."
    )
    score: float | None
    matched_with: str | None = strawberry.field(description="The record it was compared with.")
    evidence: list[FieldEvidence]
    reason: str | None = strawberry.field(
        description="Why it joined its person when the fields alone did not say: where and "
        "by whom it was named (the same caller at the same building in 4 incidents, the one "
        "resident of that name at the incident's flat)."
    )
    decision: str | None = strawberry.field(
        description="When a human placed it here: match, distinct or split."
    )
    decided_by: str | None
    decided_at: str | None

    @classmethod
    def of_row(cls, row: Row, masking: FieldMeanings | None) -> SourceRecord:
        """`masking`: the meanings of export fields, for a role that sees identities
        masked; None shows them in full."""
        record = row["record"]
        shown = masking.mask if masking else (lambda _field, value: value)
        evidence = json.loads(row["evidence"]) if row.get("evidence") else {}
        raw = json.loads(record["raw"]) if record.get("raw") else None
        return cls(
            key=strawberry.ID(f"{record['source']}:{record['recordId']}"),
            source=record["source"],
            record_id=record["recordId"],
            name=record.get("name"),
            name_raw=shown("name", record.get("nameRaw")),
            id_number=shown("id_number", record.get("idNumber")),
            phones=[shown("phone", p) or "" for p in record.get("phones") or []],
            role=record.get("role"),
            incident_id=record.get("incidentId"),
            case_id=record.get("caseId"),
            file=record.get("file"),
            line=record.get("line"),
            raw=json.dumps({k: shown(k, v) for k, v in raw.items()}, ensure_ascii=False)
            if raw
            else None,
            score=row.get("score"),
            matched_with=evidence.get("matched_with"),
            evidence=[
                FieldEvidence(
                    field=f["field"],
                    a=shown(f["field"], f.get("a")),
                    b=shown(f["field"], f.get("b")),
                    level=f.get("level"),
                    weight=f.get("weight"),
                )
                for f in evidence.get("fields", [])
            ],
            reason=mask_text(evidence.get("reason")) if masking else evidence.get("reason"),
            decision=evidence.get("decision"),
            decided_by=evidence.get("decided_by"),
            decided_at=evidence.get("decided_at"),
        )


@strawberry.type(description="A normalised address, with its levels.")
class Address:
    id: strawberry.ID
    raw_text: strawberry.Private[str | None]
    province: str | None
    city: str | None
    district: str | None
    road: str | None
    compound: str | None
    compound_name: str | None
    building: str | None
    unit: str | None
    room: str | None
    level: str | None
    building_key: str | None
    compound_key: str | None

    @classmethod
    def of_row(cls, row: Row) -> Address:
        return cls(
            id=strawberry.ID(row["addressId"]),
            raw_text=row.get("text"),
            province=row.get("province"),
            city=row.get("city"),
            district=row.get("district"),
            road=row.get("road"),
            compound=row.get("compound"),
            compound_name=row.get("compoundName"),
            building=row.get("building"),
            unit=row.get("unit"),
            room=row.get("room"),
            level=row.get("level"),
            building_key=row.get("buildingKey"),
            compound_key=row.get("compoundKey"),
        )

    @strawberry.field(description="The address as written (phones in it masked by role).")
    def text(self, info: Info) -> str | None:
        return shown(info, self.raw_text)

    @strawberry.field(description="Who lives or is registered here.")
    async def residents(
        self, info: Info, kind: AddressKind | None = None, first: int | None = None
    ) -> list[Resident]:
        rows = await info.context.related(
            "api/address_residents", self.id, kind=kind.value if kind else None
        )
        return [
            Resident(kind=AddressKind(r["kind"]), person=Person.of_row(r["person"]))
            for r in capped(info, rows, first)
        ]

    @strawberry.field(description="Incidents here, newest first.")
    async def incidents(
        self,
        info: Info,
        since: date | None = None,
        until: date | None = None,
        disputes_only: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Incident]:
        at = window(after, info.context.page_size(first))
        rows = await info.context.related(
            "api/address_incidents",
            self.id,
            **time_window(since, until),
            disputesOnly=disputes_only,
            offset=at.offset,
            limit=at.limit,
        )
        return connection(rows, at, Incident.of_row)

    @strawberry.field(description="Hotspot alerts raised for this address.")
    async def alerts(self, info: Info, first: int | None = None) -> list[Alert]:
        rows = await info.context.related("api/address_alerts", self.id)
        return [Alert.of_row(r) for r in capped(info, rows, first)]


@strawberry.type
class Resident:
    kind: AddressKind
    person: Person


@strawberry.type(description="A 110 call (接处警).")
class Incident:
    id: strawberry.ID
    reported_at: str | None
    category: str | None
    is_dispute: bool
    raw_address_text: strawberry.Private[str | None]
    raw_summary: strawberry.Private[str | None]
    raw_disposition: strawberry.Private[str | None]

    @classmethod
    def of_row(cls, row: Row) -> Incident:
        return cls(
            id=strawberry.ID(row["incidentId"]),
            reported_at=iso(row.get("reportedAt")),
            category=row.get("category"),
            is_dispute=bool(row.get("isDispute")),
            raw_address_text=row.get("addressText"),
            raw_summary=row.get("summary"),
            raw_disposition=row.get("disposition"),
        )

    @strawberry.field(description="The address as the call gave it (phones in it masked by role).")
    def address_text(self, info: Info) -> str | None:
        return shown(info, self.raw_address_text)

    @strawberry.field(description="简要警情, with phones and ID numbers masked by role.")
    def summary(self, info: Info) -> str | None:
        return shown(info, self.raw_summary)

    @strawberry.field(description="处警结果, with phones and ID numbers masked by role.")
    def disposition(self, info: Info) -> str | None:
        return shown(info, self.raw_disposition)

    @strawberry.field
    async def address(self, info: Info) -> Address | None:
        rows = await info.context.related("api/incident_address", self.id)
        return Address.of_row(rows[0]) if rows else None

    @strawberry.field(description="The people involved, with their roles.")
    async def people(self, info: Info, first: int | None = None) -> list[Involvement]:
        rows = capped(info, await info.context.related("api/incident_people", self.id), first)
        return [Involvement(role=r["role"], person=Person.of_row(r["person"])) for r in rows]

    @strawberry.field(description="The case this incident was escalated to (立案).")
    async def case(self, info: Info) -> Case | None:
        links = await self._links(info)
        return Case.of_row(links["case"]) if links.get("case") else None

    @strawberry.field(description="The dispute thread this incident belongs to.")
    async def dispute(self, info: Info) -> Dispute | None:
        links = await self._links(info)
        return Dispute.of_row(links["dispute"]) if links.get("dispute") else None

    @strawberry.field(description="Repeat-dispute networks this incident counts towards.")
    async def networks(self, info: Info, first: int | None = None) -> list[DisputeNetwork]:
        links = await self._links(info)
        return [DisputeNetwork.of_row(r) for r in capped(info, links.get("networks", []), first)]

    async def _links(self, info: Info) -> Row:
        rows = await info.context.related("api/incident_links", self.id)
        return rows[0] if rows else {}


@strawberry.type(description="A case (案件) in case management.")
class Case:
    id: strawberry.ID
    opened_at: str | None
    case_type: str | None
    status: str | None
    raw_address_text: strawberry.Private[str | None]
    raw_summary: strawberry.Private[str | None]

    @classmethod
    def of_row(cls, row: Row) -> Case:
        return cls(
            id=strawberry.ID(row["caseId"]),
            opened_at=iso(row.get("openedAt")),
            case_type=row.get("caseType"),
            status=row.get("status"),
            raw_address_text=row.get("addressText"),
            raw_summary=row.get("summary"),
        )

    @strawberry.field(description="The address as the case gave it (phones in it masked by role).")
    def address_text(self, info: Info) -> str | None:
        return shown(info, self.raw_address_text)

    @strawberry.field(description="简要案情, with phones and ID numbers masked by role.")
    def summary(self, info: Info) -> str | None:
        return shown(info, self.raw_summary)

    @strawberry.field
    async def address(self, info: Info) -> Address | None:
        rows = await info.context.related("api/case_address", self.id)
        return Address.of_row(rows[0]) if rows else None

    @strawberry.field(description="The people involved, with their roles.")
    async def people(self, info: Info, first: int | None = None) -> list[Involvement]:
        rows = capped(info, await info.context.related("api/case_people", self.id), first)
        return [Involvement(role=r["role"], person=Person.of_row(r["person"])) for r in rows]

    @strawberry.field(description="The 110 incidents escalated to this case.")
    async def incidents(self, info: Info, first: int | None = None) -> list[Incident]:
        rows = await info.context.related("api/case_incidents", self.id)
        return [Incident.of_row(r) for r in capped(info, rows, first)]


@strawberry.type(description="A thread of dispute incidents about one matter.")
class Dispute:
    id: strawberry.ID
    category: str | None
    incident_count: int
    first_at: str | None
    last_at: str | None
    escalations: int

    @classmethod
    def of_row(cls, row: Row) -> Dispute:
        return cls(
            id=strawberry.ID(row["disputeId"]),
            category=row.get("category"),
            incident_count=row.get("incidentCount") or 0,
            first_at=iso(row.get("firstAt")),
            last_at=iso(row.get("lastAt")),
            escalations=row.get("escalations") or 0,
        )

    @strawberry.field(description="Its incidents, oldest first.")
    async def incidents(self, info: Info, first: int | None = None) -> list[Incident]:
        members = await _members(info, "api/dispute_members", self.id)
        return [Incident.of_row(r) for r in capped(info, members.get("incidents", []), first)]

    @strawberry.field
    async def parties(self, info: Info, first: int | None = None) -> list[Person]:
        members = await _members(info, "api/dispute_members", self.id)
        return [Person.of_row(r) for r in capped(info, members.get("parties", []), first)]


@strawberry.type(description="People joined again and again by dispute incidents (重复警情).")
class DisputeNetwork:
    id: strawberry.ID
    size: int
    incident_count: int
    first_at: str | None
    last_at: str | None
    escalations: int
    trend: float = strawberry.field(description="Incidents per month: slope; above 0 is rising.")
    risk_score: float = strawberry.field(description="0-100; see cypher/README.md.")
    district: str | None
    compound: str | None

    @classmethod
    def of_row(cls, row: Row) -> DisputeNetwork:
        return cls(
            id=strawberry.ID(row["networkId"]),
            size=row["size"],
            incident_count=row["incidentCount"],
            first_at=iso(row.get("firstAt")),
            last_at=iso(row.get("lastAt")),
            escalations=row.get("escalations") or 0,
            trend=row.get("trend") or 0.0,
            risk_score=row.get("riskScore") or 0.0,
            district=row.get("district"),
            compound=row.get("compound"),
        )

    @strawberry.field
    async def people(self, info: Info, first: int | None = None) -> list[Person]:
        members = await _members(info, "api/network_members", self.id)
        return [Person.of_row(r) for r in capped(info, members.get("people", []), first)]

    @strawberry.field(description="The addresses its disputes happen at.")
    async def addresses(self, info: Info, first: int | None = None) -> list[Address]:
        members = await _members(info, "api/network_members", self.id)
        return [Address.of_row(r) for r in capped(info, members.get("addresses", []), first)]

    @strawberry.field(description="Its dispute incidents, oldest first.")
    async def incidents(self, info: Info, first: int | None = None) -> list[Incident]:
        members = await _members(info, "api/network_members", self.id)
        return [Incident.of_row(r) for r in capped(info, members.get("incidents", []), first)]


@strawberry.type(
    description="A warning: a building or compound whose dispute incidents crossed a "
    "threshold, or a repeat-dispute network that formed or grew."
)
class Alert:
    id: strawberry.ID
    level: str | None
    raw_place: strawberry.Private[str | None]
    district: str | None
    incident_count: int
    first_at: str | None
    last_at: str | None
    reason: str | None
    triggered_by: strawberry.ID | None = strawberry.field(
        description="The incident whose arrival raised it."
    )
    raised_at: str | None = strawberry.field(description="When that incident was reported.")
    network_id: strawberry.ID | None = strawberry.field(
        description="The network a network alert is about."
    )

    @classmethod
    def of_row(cls, row: Row) -> Alert:
        return cls(
            id=strawberry.ID(row["alertId"]),
            level=row.get("level"),
            raw_place=row.get("place"),
            district=row.get("district"),
            incident_count=row.get("incidentCount") or 0,
            first_at=iso(row.get("firstAt")),
            last_at=iso(row.get("lastAt")),
            reason=row.get("reason"),
            triggered_by=row.get("triggeredBy"),
            raised_at=iso(row.get("raisedAt")),
            network_id=row.get("networkId"),
        )

    @strawberry.field(description="The building or compound (a typed phone in it masked by role).")
    def place(self, info: Info) -> str | None:
        return shown(info, self.raw_place)

    @strawberry.field
    async def addresses(self, info: Info, first: int | None = None) -> list[Address]:
        members = await _members(info, "api/alert_members", self.id)
        return [Address.of_row(r) for r in capped(info, members.get("addresses", []), first)]

    @strawberry.field
    async def incidents(self, info: Info, first: int | None = None) -> list[Incident]:
        members = await _members(info, "api/alert_members", self.id)
        return [Incident.of_row(r) for r in capped(info, members.get("incidents", []), first)]


@strawberry.enum
class HotspotLevel(Enum):
    BUILDING = "building"
    COMPOUND = "compound"


@strawberry.enum
class AlertLevel(Enum):
    BUILDING = "building"
    COMPOUND = "compound"
    NETWORK = "network"


@strawberry.type(description="A building or compound with repeated dispute incidents in a window.")
class Hotspot:
    key: strawberry.ID
    level: HotspotLevel
    raw_place: strawberry.Private[str | None]
    district: str | None
    incident_count: int
    first_at: str | None
    last_at: str | None
    address_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The building or compound (a typed phone in it masked by role).")
    def place(self, info: Info) -> str | None:
        return shown(info, self.raw_place)

    @strawberry.field
    async def addresses(self, info: Info, first: int | None = None) -> list[Address]:
        found = await asyncio.gather(
            *(info.context.related("api/address", a) for a in capped(info, self.address_ids, first))
        )
        return [Address.of_row(rows[0]) for rows in found if rows]


async def _involvements(
    info: Info,
    statement_name: str,
    person_id: str,
    since: date | None,
    until: date | None,
    role: str | None,
    first: int | None,
    after: str | None,
    node: Callable[[Row], Any],
) -> RoleConnection:
    """A page of a person's incidents or cases, filtered by time and role."""
    at = window(after, info.context.page_size(first))
    rows = await info.context.related(
        statement_name,
        person_id,
        **time_window(since, until),
        role=role,
        offset=at.offset,
        limit=at.limit,
    )
    return role_connection(rows, at, node)


def capped(info: Info, items: list[Any], first: int | None) -> list[Any]:
    """A nested list cut to `first` items (default and most: FENGQIAO_API_MAX_LIST_SIZE),
    so that no request asks for an unbounded fan-out of lists inside lists."""
    most = info.context.max_list_size
    if first is not None and not 1 <= first <= most:
        raise ClientError(f"first must be between 1 and {most}.")
    return items[: first or most]


async def _members(info: Info, statement_name: str, id: str) -> Row:
    rows = await info.context.related(statement_name, id)
    return rows[0] if rows else {}
