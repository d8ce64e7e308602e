"""Subgraphs ready to draw: nodes with an id, label and caption, edges between them.

Node ids are the ids the rest of the API uses (personId, addressId, ...), so a
client can draw a neighbourhood and then ask for any node in full. Captions are
names and place texts only: identity numbers never reach a drawing, and a place
text typed with a phone in it is masked for roles that see identities masked.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from api.graphql import viewed
from api.security.masking import mask_text

ID_PROPERTY = {
    "Person": "personId",
    "Address": "addressId",
    "Incident": "incidentId",
    "Case": "caseId",
    "Dispute": "disputeId",
    "DisputeNetwork": "networkId",
    "Alert": "alertId",
}
CAPTION_PROPERTIES = ("name", "compoundName", "text", "category", "caseType", "place", "compound")


@strawberry.enum(description="Relationship types a traversal may follow.")
class RelationshipType(Enum):
    RESOLVED_FROM = "RESOLVED_FROM"
    LIVES_AT = "LIVES_AT"
    REGISTERED_AT = "REGISTERED_AT"
    INVOLVED_IN = "INVOLVED_IN"
    OCCURRED_AT = "OCCURRED_AT"
    ESCALATED_TO = "ESCALATED_TO"
    PART_OF = "PART_OF"
    PARTY_TO = "PARTY_TO"
    IN_DISPUTE_WITH = "IN_DISPUTE_WITH"
    SAME_HOUSEHOLD = "SAME_HOUSEHOLD"
    POSSIBLY_SAME_AS = "POSSIBLY_SAME_AS"
    MEMBER_OF = "MEMBER_OF"
    CENTRED_AT = "CENTRED_AT"
    IN_NETWORK = "IN_NETWORK"
    ABOUT = "ABOUT"
    RAISED_FOR = "RAISED_FOR"


def type_names(types: list[RelationshipType] | None) -> list[str]:
    return [t.value for t in (types or list(RelationshipType))]


@strawberry.type
class GraphNode:
    id: strawberry.ID
    label: str
    caption: str | None


@strawberry.type
class GraphEdge:
    id: strawberry.ID
    type: str
    source: strawberry.ID
    target: strawberry.ID
    incidents: int | None = strawberry.field(description="IN_DISPUTE_WITH: incidents together.")
    role: str | None = strawberry.field(description="INVOLVED_IN: the person's role.")
    score: float | None = strawberry.field(description="RESOLVED_FROM, POSSIBLY_SAME_AS: score.")


@strawberry.type
class Path:
    length: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]


@strawberry.type
class Neighbourhood:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = strawberry.field(description="True when the node limit cut it short.")


class Drawing:
    """Collects nodes and edges from Cypher rows, translating Neo4j element ids."""

    def __init__(self, masked: bool) -> None:
        self.masked = masked
        self.nodes: dict[str, GraphNode] = {}
        self.edges: dict[str, GraphEdge] = {}
        self._ids: dict[str, str] = {}  # element id -> API id

    def add_node(self, row: dict[str, Any]) -> GraphNode:
        label = row["labels"][0] if row["labels"] else "Node"
        props = row["props"]
        node_id = _node_id(label, props)
        if label == "Person":
            viewed.note(node_id)
        self._ids[row["elementId"]] = node_id
        caption = next((str(props[p]) for p in CAPTION_PROPERTIES if props.get(p)), None)
        node = self.nodes.setdefault(
            node_id,
            GraphNode(
                id=strawberry.ID(node_id),
                label=label,
                caption=mask_text(caption) if self.masked else caption,
            ),
        )
        return node

    def add_edge(self, row: dict[str, Any]) -> None:
        props = row["props"]
        self.edges.setdefault(
            row["elementId"],
            GraphEdge(
                id=strawberry.ID(row["elementId"]),
                type=row["type"],
                source=strawberry.ID(self._ids[row["start"]]),
                target=strawberry.ID(self._ids[row["end"]]),
                incidents=props.get("incidents"),
                role=props.get("role"),
                score=props.get("score"),
            ),
        )

    def knows(self, element_id: str) -> bool:
        return element_id in self._ids


def _node_id(label: str, props: dict[str, Any]) -> str:
    if label == "SourceRecord":
        return f"{props['source']}:{props['recordId']}"
    return str(props[ID_PROPERTY[label]])
