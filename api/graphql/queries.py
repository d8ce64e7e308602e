"""The read side: every query an analyst or investigator may ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.graphql.context import ClientError, Context
from api.graphql.drawing import Drawing, Neighbourhood, Path, RelationshipType, type_names
from api.graphql.paging import Connection, connection, window
from api.graphql.search import search_terms
from api.graphql.types import (
    Address,
    Alert,
    AlertLevel,
    Case,
    DisputeNetwork,
    Hotspot,
    HotspotLevel,
    Incident,
    Person,
    iso,
    midnight,
    time_window,
)
from api.security.roles import Permission

MAX_HOPS = 6  # the bound written into cypher/api/shortest_path.cypher
MAX_DEPTH = 3


@strawberry.input(description="Which incidents: all filters are optional and combine.")
class IncidentFilter:
    since: date | None = None
    until: date | None = None
    category: str | None = strawberry.field(default=None, description="Prefix, e.g. 纠纷.")
    disputes_only: bool = False
    district: str | None = None
    address_id: strawberry.ID | None = None
    person_id: strawberry.ID | None = None


@strawberry.enum(description="A person's sex, as Person.sex gives it.")
class Sex(Enum):
    M = "M"
    F = "F"


@strawberry.input(description="Which people: all filters are optional and combine.")
class PeopleFilter:
    district: str | None = strawberry.field(
        default=None, description="Where the person lives or is registered, e.g. 滨江区."
    )
    sex: Sex | None = None
    birth_year: int | None = None
    born_from: int | None = strawberry.field(default=None, description="Born in or after.")
    born_until: int | None = strawberry.field(default=None, description="Born in or before.")

    def terms(self) -> dict[str, str | int | None]:
        """The filter's parameters of cypher/api/people_search: one range of birth years."""
        return {
            "district": self.district,
            "sex": self.sex.value if self.sex else None,
            "bornFrom": _bound(max, self.birth_year, self.born_from),
            "bornUntil": _bound(min, self.birth_year, self.born_until),
        }


def _bound(pick: Callable[[list[int]], int], *years: int | None) -> int | None:
    known = [year for year in years if year is not None]
    return pick(known) if known else None


async def _one(context: Context, statement_name: str, id: str) -> dict | None:
    context.require(Permission.READ)
    rows = await context.related(statement_name, id)
    return rows[0] if rows else None


@strawberry.type
class Query:
    @strawberry.field(description="One person by the person_id of links.csv.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        row = await _one(info.context, "api/person", id)
        return Person.of_row(row) if row else None

    @strawberry.field(
        description="People as a search box finds them: a name or part of it (a surname, a "
        "given name; traditional characters and homophones too), pinyin, its start or "
        "initials, ranked; or a full ID number or phone, never a part of one. See docs/api.md."
    )
    async def people(
        self,
        info: Info,
        search: str,
        filter: PeopleFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Person]:
        context: Context = info.context
        context.require(Permission.READ)
        at = window(after, context.page_size(first))
        terms = search_terms(search)
        if terms["digits"] is not None or any(ch.isdigit() for ch in search):
            context.identifier_search()
        rows = await context.read(
            "api/people_search",
            **terms,
            **(filter or PeopleFilter()).terms(),
            offset=at.offset,
            limit=at.limit,
        )
        return connection([r["person"] for r in rows], at, Person.of_row)

    @strawberry.field
    async def address(self, info: Info, id: strawberry.ID) -> Address | None:
        row = await _one(info.context, "api/address", id)
        return Address.of_row(row) if row else None

    @strawberry.field(
        description="Buildings or compounds with at least minIncidents dispute incidents in the window."
    )
    async def hotspots(
        self,
        info: Info,
        level: HotspotLevel = HotspotLevel.BUILDING,
        since: date | None = None,
        until: date | None = None,
        district: str | None = None,
        min_incidents: int = 3,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Hotspot]:
        context: Context = info.context
        context.require(Permission.READ)
        at = window(after, context.page_size(first))
        rows = await context.read(
            "api/hotspots",
            level=level.value,
            **time_window(since, until),
            district=district,
            minIncidents=min_incidents,
            offset=at.offset,
            limit=at.limit,
        )
        return connection(
            [r["hotspot"] for r in rows],
            at,
            lambda h: Hotspot(
                key=strawberry.ID(h["key"]),
                level=level,
                raw_place=h["place"],
                district=h["district"],
                incident_count=h["incidentCount"],
                first_at=iso(h["firstAt"]),
                last_at=iso(h["lastAt"]),
                address_ids=h["addressIds"],
            ),
        )

    @strawberry.field
    async def incident(self, info: Info, id: strawberry.ID) -> Incident | None:
        row = await _one(info.context, "api/incident", id)
        return Incident.of_row(row) if row else None

    @strawberry.field(description="Incidents, newest first.")
    async def incidents(
        self,
        info: Info,
        filter: IncidentFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Incident]:
        context: Context = info.context
        context.require(Permission.READ)
        at = window(after, context.page_size(first))
        chosen = filter or IncidentFilter()
        rows = await context.read(
            "api/incidents",
            **time_window(chosen.since, chosen.until),
            category=chosen.category,
            disputesOnly=chosen.disputes_only,
            district=chosen.district,
            addressId=chosen.address_id,
            personId=chosen.person_id,
            offset=at.offset,
            limit=at.limit,
        )
        return connection([r["incident"] for r in rows], at, Incident.of_row)

    @strawberry.field
    async def case(self, info: Info, id: strawberry.ID) -> Case | None:
        row = await _one(info.context, "api/case", id)
        return Case.of_row(row) if row else None

    @strawberry.field(description="Repeat-dispute networks, riskiest first.")
    async def repeat_dispute_networks(
        self,
        info: Info,
        min_incidents: int = 3,
        since: date | None = None,
        until: date | None = None,
        district: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[DisputeNetwork]:
        context: Context = info.context
        context.require(Permission.READ)
        at = window(after, context.page_size(first))
        rows = await context.read(
            "api/networks",
            minIncidents=min_incidents,
            **time_window(since, until),
            district=district,
            offset=at.offset,
            limit=at.limit,
        )
        return connection([r["network"] for r in rows], at, DisputeNetwork.of_row)

    @strawberry.field
    async def dispute_network(self, info: Info, id: strawberry.ID) -> DisputeNetwork | None:
        row = await _one(info.context, "api/network", id)
        return DisputeNetwork.of_row(row) if row else None

    @strawberry.field(description="Alerts (hotspots and networks), most incidents first.")
    async def alerts(
        self,
        info: Info,
        level: AlertLevel | None = None,
        district: str | None = None,
        since: date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Alert]:
        context: Context = info.context
        context.require(Permission.READ)
        at = window(after, context.page_size(first))
        rows = await context.read(
            "api/alerts",
            level=level.value if level else None,
            district=district,
            since=midnight(since),
            offset=at.offset,
            limit=at.limit,
        )
        return connection([r["alert"] for r in rows], at, Alert.of_row)

    @strawberry.field(description="The shortest path between two persons, at most maxHops long.")
    async def shortest_path(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int = 4,
        types: list[RelationshipType] | None = None,
    ) -> Path | None:
        context: Context = info.context
        context.require(Permission.READ)
        if not 1 <= max_hops <= MAX_HOPS:
            raise ClientError(f"maxHops must be between 1 and {MAX_HOPS}.")
        rows = await context.read(
            "api/shortest_path", **{"from": from_}, to=to, maxHops=max_hops, types=type_names(types)
        )
        if not rows:
            return None
        drawing = Drawing(masked=not context.may(Permission.SEE_FULL_IDENTITY))
        for node in rows[0]["nodes"]:
            drawing.add_node(node)
        for edge in rows[0]["edges"]:
            drawing.add_edge(edge)
        return Path(
            length=len(rows[0]["edges"]),
            nodes=list(drawing.nodes.values()),
            edges=list(drawing.edges.values()),
        )

    @strawberry.field(
        description="Everything within depth (1-3) steps of a node, over the given types, ready to draw."
    )
    async def neighbourhood(
        self,
        info: Info,
        id: strawberry.ID,
        depth: int = 1,
        types: list[RelationshipType] | None = None,
    ) -> Neighbourhood | None:
        context: Context = info.context
        context.require(Permission.READ)
        if not 1 <= depth <= MAX_DEPTH:
            raise ClientError(f"depth must be between 1 and {MAX_DEPTH}.")
        start = await context.read("api/node_lookup", id=id)
        if not start:
            return None
        return await _expand(context, start[0]["node"], depth, type_names(types))


async def _expand(context: Context, start: dict, depth: int, types: list[str]) -> Neighbourhood:
    """Breadth first, one Cypher round trip per level, until depth or the node limit."""
    drawing = Drawing(masked=not context.may(Permission.SEE_FULL_IDENTITY))
    budget = context.max_graph_nodes
    drawing.add_node(start)
    frontier, truncated = [start["elementId"]], False
    for _level in range(depth):
        if not frontier:
            break
        rows = await context.read(
            "api/neighbours", frontier=frontier, types=types, limit=budget * 4
        )
        frontier = []
        for row in rows:
            node, edge = row["node"], row["edge"]
            if not drawing.knows(node["elementId"]):
                if len(drawing.nodes) >= budget:
                    truncated = True
                    continue
                drawing.add_node(node)
                frontier.append(node["elementId"])
            if drawing.knows(edge["start"]) and drawing.knows(edge["end"]):
                drawing.add_edge(edge)
        truncated = truncated or len(rows) >= budget * 4
    return Neighbourhood(
        nodes=list(drawing.nodes.values()), edges=list(drawing.edges.values()), truncated=truncated
    )
