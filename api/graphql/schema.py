"""The GraphQL schema: people, their counterparts, repeat-dispute networks.

Identity fields are masked unless the caller's role may see them in full.
Lists are Relay connections with a bounded page size; counterparts of a page
of people are fetched in one round trip (a DataLoader), never one per person.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

import strawberry
from graphql import GraphQLError
from strawberry.dataloader import DataLoader
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.types import Info

from api.graphql.context import Context, Refused
from api.security.masking import mask_id_number, mask_phone
from api.security.roles import Permission
from resolution.normalise.idnumber import normalise_id
from resolution.normalise.names import parse_name
from resolution.normalise.phone import normalise_phone
from resolution.normalise.pinyin import name_pinyin

if TYPE_CHECKING:
    from api.app import ApiConfig


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Counterpart:
    person: Person
    incidents: int
    first_at: str | None
    last_at: str | None


@strawberry.type
class Person:
    id: str
    name: str | None
    pinyin: str | None
    birth_date: str | None
    sex: str | None
    record_count: int | None
    raw_id_number: strawberry.Private[str | None]
    raw_phones: strawberry.Private[list[str]]

    @strawberry.field(description="Resident ID number; masked unless the role may see it.")
    def id_number(self, info: Info) -> str | None:
        full = info.context.may(Permission.SEE_FULL_IDENTITY)
        return self.raw_id_number if full else mask_id_number(self.raw_id_number)

    @strawberry.field(description="Phone numbers; masked unless the role may see them.")
    def phones(self, info: Info) -> list[str]:
        full = info.context.may(Permission.SEE_FULL_IDENTITY)
        return list(self.raw_phones) if full else [mask_phone(p) or "" for p in self.raw_phones]

    @strawberry.field(
        description="The people this person is in dispute with, most incidents first."
    )
    async def counterparts(self, info: Info) -> list[Counterpart]:
        loader = info.context.loaders.setdefault("counterparts", _counterpart_loader(info.context))
        return await loader.load(self.id)


@strawberry.type
class PersonEdge:
    node: Person
    cursor: str


@strawberry.type
class PersonConnection:
    edges: list[PersonEdge]
    page_info: PageInfo


@strawberry.type
class DisputeNetwork:
    id: str
    size: int
    incident_count: int
    first_at: str | None
    last_at: str | None
    escalations: int
    trend: float
    risk_score: float
    district: str | None
    compound: str | None
    people_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def people(self, info: Info) -> list[Person]:
        rows = await info.context.read("api/person_many", ids=self.people_ids)
        return [_person(r["person"]) for r in rows]


@strawberry.type
class DisputeNetworkEdge:
    node: DisputeNetwork
    cursor: str


@strawberry.type
class DisputeNetworkConnection:
    edges: list[DisputeNetworkEdge]
    page_info: PageInfo


@strawberry.type
class Query:
    @strawberry.field
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        info.context.require(Permission.READ)
        rows = await info.context.read("api/person", id=str(id))
        return _person(rows[0]["person"]) if rows else None

    @strawberry.field(
        description="People by name (homophones, traditional characters), pinyin, ID number or phone."
    )
    async def people(
        self, info: Info, search: str, first: int | None = None, after: str | None = None
    ) -> PersonConnection:
        context: Context = info.context
        context.require(Permission.READ)
        size = context.page_size(first)
        name = parse_name(search)
        sound = name_pinyin(name)
        digits = normalise_id(search) or normalise_phone(search) or ""
        rows = await context.read(
            "api/people_search",
            name=name.key if name else None,
            pinyin=sound.full if sound else None,
            digits=digits,
            after=_decode(after) or "",
            limit=size + 1,
        )
        people = [_person(r["person"]) for r in rows[:size]]
        edges = [PersonEdge(node=p, cursor=_encode(p.id)) for p in people]
        return PersonConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > size, end_cursor=edges[-1].cursor if edges else None
            ),
        )

    @strawberry.field
    async def repeat_dispute_networks(
        self,
        info: Info,
        min_incidents: int = 3,
        since: str | None = None,
        district: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> DisputeNetworkConnection:
        context: Context = info.context
        context.require(Permission.READ)
        size = context.page_size(first)
        offset = int(_decode(after) or 0)
        rows = await context.read(
            "api/networks",
            minIncidents=min_incidents,
            since=since,
            district=district,
            offset=offset,
            limit=size + 1,
        )
        edges = [
            DisputeNetworkEdge(node=_network(r["network"]), cursor=_encode(str(offset + i + 1)))
            for i, r in enumerate(rows[:size])
        ]
        return DisputeNetworkConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > size, end_cursor=edges[-1].cursor if edges else None
            ),
        )


def build_schema(config: ApiConfig) -> strawberry.Schema:
    extensions: list[Any] = [
        lambda: QueryDepthLimiter(max_depth=config.max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=config.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=config.max_tokens),
        lambda: MaskErrors(should_mask_error=_should_mask),
    ]
    if not config.introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(query=Query, extensions=extensions)


def _should_mask(error: GraphQLError) -> bool:
    """Refusals and validation errors are the client's to read; anything else is masked."""
    return error.original_error is not None and not isinstance(error.original_error, Refused)


def _person(row: dict[str, Any]) -> Person:
    return Person(
        id=row["personId"],
        name=row.get("name"),
        pinyin=row.get("pinyin"),
        birth_date=row.get("birthDate"),
        sex=row.get("sex"),
        record_count=row.get("recordCount"),
        raw_id_number=row.get("idNumber"),
        raw_phones=list(row.get("phones") or []),
    )


def _network(row: dict[str, Any]) -> DisputeNetwork:
    return DisputeNetwork(
        id=row["networkId"],
        size=row["size"],
        incident_count=row["incidentCount"],
        first_at=row.get("firstAt"),
        last_at=row.get("lastAt"),
        escalations=row["escalations"],
        trend=row["trend"],
        risk_score=row["riskScore"],
        district=row.get("district"),
        compound=row.get("compound"),
        people_ids=list(row.get("people") or []),
    )


def _counterpart_loader(context: Context) -> DataLoader:
    async def load(ids: list[str]) -> list[list[Counterpart]]:
        rows = await context.read("api/counterparts", ids=list(ids))
        found: dict[str, list[Counterpart]] = {i: [] for i in ids}
        for r in rows:
            found[r["id"]].append(
                Counterpart(
                    person=_person(r["person"]),
                    incidents=r["incidents"],
                    first_at=r["first"],
                    last_at=r["last"],
                )
            )
        return [found[i] for i in ids]

    return DataLoader(load_fn=load)


def _encode(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii")


def _decode(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        return base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
    except (ValueError, UnicodeError):
        raise Refused("That cursor is not one this API gave out.") from None
