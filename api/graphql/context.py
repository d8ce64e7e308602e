"""Per-request context: who is asking, the Neo4j driver, limits, DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, Query

from api.security.roles import Permission, may
from api.security.tokens import Principal
from graph.statements import statement


class Refused(Exception):
    """A request the caller may not make; its message is shown to the client."""


@dataclass
class Context:
    principal: Principal
    driver: AsyncDriver
    database: str
    max_page_size: int
    tx_timeout_s: float
    loaders: dict[str, Any] = field(default_factory=dict)

    def require(self, permission: Permission) -> None:
        if not may(self.principal.role, permission):
            raise Refused(
                f"Role {self.principal.role.value} may not {permission.value.replace('_', ' ')}."
            )

    def may(self, permission: Permission) -> bool:
        return may(self.principal.role, permission)

    def page_size(self, first: int | None, default: int = 20) -> int:
        size = default if first is None else first
        if size < 1 or size > self.max_page_size:
            raise Refused(f"first must be between 1 and {self.max_page_size}.")
        return size

    async def read(self, statement_name: str, /, **parameters: Any) -> list[dict[str, Any]]:
        """Run the read statement `cypher/<statement_name>.cypher` with parameters; rows as dicts."""
        query = Query(statement(statement_name), timeout=self.tx_timeout_s)
        records, _, _ = await self.driver.execute_query(
            query, parameters, database_=self.database, routing_="r"
        )
        return [record.data() for record in records]
