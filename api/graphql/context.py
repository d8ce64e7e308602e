"""Per-request context: who is asking, the Neo4j driver, limits, DataLoaders.

Every statement runs with the caller's jurisdiction as `$districts` (None: all), so
that a token scoped to districts reads nothing outside them, whatever the query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from neo4j import AsyncDriver, Query
from strawberry.dataloader import DataLoader

from api.graphql.errors import ClientError, RateLimited, Refused
from api.security.masking import FieldMeanings, field_meanings
from api.security.roles import Permission, may
from api.security.tokens import Principal
from graph.statements import statement

if TYPE_CHECKING:
    from api.review import Review
    from api.security.limits import RateLimits

__all__ = ["ClientError", "Context", "RateLimited", "Refused"]


@dataclass
class Context:
    principal: Principal
    driver: AsyncDriver
    database: str
    max_page_size: int
    tx_timeout_s: float
    max_graph_nodes: int = 200
    review: Review | None = None
    meanings: FieldMeanings = field(default_factory=field_meanings)
    limits: RateLimits | None = None
    max_list_size: int = 500  # items of a nested list (household, members, ...)
    max_identifier_searches: int = 1  # per request, for roles that see identities masked
    identifier_searches: int = 0
    loaders: dict[tuple, DataLoader] = field(default_factory=dict)

    def require(self, permission: Permission) -> None:
        if not may(self.principal.role, permission):
            raise Refused(
                f"Role {self.principal.role.value} may not {permission.value.replace('_', ' ')}."
            )

    def may(self, permission: Permission) -> bool:
        return may(self.principal.role, permission)

    def identifier_search(self) -> None:
        """Count a search by an ID number or phone: for a role that sees identities masked,
        a few per request and per minute, so that no mask can be read back by trying."""
        if self.may(Permission.SEE_FULL_IDENTITY):
            return
        self.identifier_searches += 1
        if self.identifier_searches > self.max_identifier_searches:
            raise ClientError(
                f"At most {self.max_identifier_searches} search(es) by an ID number or phone "
                "per request."
            )
        refused = (
            self.limits.take_identifier_search(self.principal.token_id) if self.limits else None
        )
        if refused:
            raise RateLimited(refused)

    def page_size(self, first: int | None, default: int = 20) -> int:
        size = default if first is None else first
        if size < 1 or size > self.max_page_size:
            raise ClientError(f"first must be between 1 and {self.max_page_size}.")
        return size

    async def read(self, statement_name: str, /, **parameters: Any) -> list[dict[str, Any]]:
        """Run the read statement `cypher/<statement_name>.cypher` with parameters; rows as dicts.

        The statements return maps and plain values, never nodes, so each record becomes
        a dict as it is, without `Record.data()`'s deep conversion (a quarter of the
        GraphQL layer's time for a page of networks)."""
        query = Query(statement(statement_name), timeout=self.tx_timeout_s)
        scope = {"districts": list(self.principal.districts) or None}
        records, _, _ = await self.driver.execute_query(
            query, {**parameters, **scope}, database_=self.database, routing_="r"
        )
        return [dict(record) for record in records]

    async def related(self, statement_name: str, id: str, /, **parameters: Any) -> list[Any]:
        """The items the statement returns for one id, batched with every other id the
        same request asks of it (statements take `$ids` and return `id, items`)."""
        key = (statement_name, tuple(sorted(parameters.items())))
        loader = self.loaders.get(key)
        if loader is None:
            loader = self.loaders[key] = DataLoader(
                load_fn=lambda ids: self._load_many(statement_name, ids, parameters)
            )
        return await loader.load(id)

    async def _load_many(
        self, statement_name: str, ids: list[str], parameters: dict[str, Any]
    ) -> list[list[Any]]:
        rows = await self.read(statement_name, ids=list(ids), **parameters)
        found = {row["id"]: row["items"] for row in rows}
        return [found.get(i, []) for i in ids]
