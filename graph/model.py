"""The graph as `cypher/load` and `cypher/analyse` write it, described once, as data.

The Bloom perspective is generated from this description (`graph/bloom/`), and
tests/test_bloom.py checks it against a loaded, analysed sample graph in both
directions: every label, property, relationship and index named here is in the
graph with the type named here, and the graph holds nothing this leaves out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class ValueType(StrEnum):
    """A property's type, spelled as Cypher's `valueType()` spells it (less `NOT NULL`)."""

    STRING = "STRING"
    INTEGER = "INTEGER"
    FLOAT = "FLOAT"
    BOOLEAN = "BOOLEAN"
    STRING_LIST = "LIST<STRING>"
    DATE = "DATE"
    LOCAL_DATETIME = "LOCAL DATETIME"


# The resolver's ISO 8601 dates and times ('1998-12-04', '2023-01-14T21:45:07';
# docs/resolve-output.md) are Neo4j temporal values in the graph, so that Bloom's time filters
# and Cypher's durations work on them: a date, and a date-time with no time zone (the exports
# carry none). The loader and the analysis write them so; cypher/schema/006_temporal converts
# the text of graphs written before.
ISO_DATE = ValueType.DATE
ISO_DATETIME = ValueType.LOCAL_DATETIME


@dataclass(frozen=True)
class Property:
    name: str
    type: ValueType


@dataclass(frozen=True)
class Label:
    name: str
    key: tuple[str, ...]
    captions: tuple[str, ...]
    properties: tuple[Property, ...]

    def property(self, name: str) -> Property:
        return next(p for p in self.properties if p.name == name)

    def fields(self, excluding: tuple[str, ...] = ()) -> dict[str, str]:
        """The resolver's field (docs/resolve-output.md) behind each property: its name in
        snake_case (`buildingKey` is `building_key`). The loader copies these; `excluding`
        names the properties it writes otherwise (keys, lists, computed values)."""
        return {
            re.sub(r"(?<!^)(?=[A-Z])", "_", p.name).lower(): p.name
            for p in self.properties
            if p.name not in excluding
        }


@dataclass(frozen=True)
class Relationship:
    type: str
    ends: tuple[tuple[str, str], ...]
    """(start label, end label) pairs it joins."""
    properties: tuple[Property, ...] = ()
    captions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Index:
    """A range or full-text index of `cypher/schema` (those behind constraints included)."""

    name: str
    kind: Literal["RANGE", "FULLTEXT"]
    entity: Literal["NODE", "RELATIONSHIP"]
    tokens: tuple[str, ...]
    """The labels (or relationship types) it indexes."""
    properties: tuple[str, ...]


@dataclass(frozen=True)
class GraphModel:
    labels: tuple[Label, ...]
    relationships: tuple[Relationship, ...]
    indexes: tuple[Index, ...]

    def label(self, name: str) -> Label:
        return next(label for label in self.labels if label.name == name)


def _props(*pairs: tuple[str, ValueType]) -> tuple[Property, ...]:
    return tuple(Property(name, kind) for name, kind in pairs)


STRING, INTEGER, FLOAT = ValueType.STRING, ValueType.INTEGER, ValueType.FLOAT
BOOLEAN, STRING_LIST = ValueType.BOOLEAN, ValueType.STRING_LIST

PERSON = Label(
    "Person",
    key=("personId",),
    captions=("name",),
    properties=_props(
        ("personId", STRING),
        ("name", STRING),
        ("pinyin", STRING),
        ("idNumber", STRING),
        ("birthDate", ISO_DATE),
        ("sex", STRING),
        ("phones", STRING_LIST),
        ("ethnicity", STRING),
        ("recordCount", INTEGER),
        ("sources", STRING),
        # people(search)'s keys, derived from pinyin and birthDate in load/05_persons
        ("pinyinLetters", STRING),  # "wangxiaodong"
        ("pinyinInitials", STRING),  # "wxd"
        ("birthYear", INTEGER),
    ),
)

SOURCE_RECORD = Label(
    "SourceRecord",
    key=("source", "recordId"),
    captions=("name", "source"),
    properties=_props(
        ("source", STRING),
        ("recordId", STRING),
        ("name", STRING),
        ("nameRaw", STRING),
        ("placeholder", BOOLEAN),
        ("pinyin", STRING),
        ("idNumber", STRING),
        ("idValid", BOOLEAN),
        ("sex", STRING),
        ("birthDate", ISO_DATE),
        ("role", STRING),
        ("incidentId", STRING),
        ("caseId", STRING),
        ("phones", STRING_LIST),
        ("file", STRING),
        ("line", INTEGER),
        ("raw", STRING),  # the row as exported, as JSON text
    ),
)

ADDRESS = Label(
    "Address",
    key=("addressId",),
    captions=("text",),
    properties=_props(
        ("addressId", STRING),
        ("text", STRING),
        ("province", STRING),
        ("city", STRING),
        ("district", STRING),
        ("road", STRING),
        ("compound", STRING),
        ("building", STRING),
        ("unit", STRING),
        ("room", STRING),
        ("level", STRING),
        ("buildingKey", STRING),
        ("compoundKey", STRING),
        ("compoundName", STRING),
    ),
)

INCIDENT = Label(
    "Incident",
    key=("incidentId",),
    captions=("category", "reportedAt"),
    properties=_props(
        ("incidentId", STRING),
        ("reportedAt", ISO_DATETIME),
        ("category", STRING),
        ("isDispute", BOOLEAN),
        ("addressText", STRING),
        ("summary", STRING),
        ("disposition", STRING),
        ("caseId", STRING),
        ("file", STRING),
        ("line", INTEGER),
        ("raw", STRING),
    ),
)

CASE = Label(
    "Case",
    key=("caseId",),
    captions=("caseType", "status"),
    properties=_props(
        ("caseId", STRING),
        ("openedAt", ISO_DATETIME),
        ("caseType", STRING),
        ("status", STRING),
        ("addressText", STRING),
        ("summary", STRING),
        ("sourceIncidentId", STRING),
        ("file", STRING),
        ("line", INTEGER),
        ("raw", STRING),
    ),
)

DISPUTE = Label(
    "Dispute",
    key=("disputeId",),
    captions=("category", "incidentCount"),
    properties=_props(
        ("disputeId", STRING),
        ("category", STRING),
        ("incidentCount", INTEGER),
        ("firstAt", ISO_DATETIME),
        ("lastAt", ISO_DATETIME),
        ("escalations", INTEGER),
    ),
)

DISPUTE_NETWORK = Label(
    "DisputeNetwork",
    key=("networkId",),
    captions=("district", "riskScore"),
    properties=_props(
        ("networkId", STRING),
        ("size", INTEGER),
        ("incidentCount", INTEGER),
        ("firstAt", ISO_DATETIME),
        ("lastAt", ISO_DATETIME),
        ("escalations", INTEGER),
        ("trend", FLOAT),  # least-squares slope of incidents per month
        ("riskScore", FLOAT),  # 0-100, cypher/README.md
        ("district", STRING),
        ("compound", STRING),
    ),
)

ALERT = Label(
    "Alert",
    key=("alertId",),
    captions=("place", "level"),
    properties=_props(
        ("alertId", STRING),
        ("level", STRING),  # 'building', 'compound' or 'network'
        ("place", STRING),
        ("district", STRING),
        ("incidentCount", INTEGER),
        ("firstAt", ISO_DATETIME),
        ("lastAt", ISO_DATETIME),
        ("reason", STRING),
        ("triggeredBy", STRING),  # the incident whose arrival raised it
        ("raisedAt", ISO_DATETIME),
        ("networkId", STRING),  # network alerts only
    ),
)


def _rel(
    kind: str,
    *ends: tuple[Label, Label],
    properties: tuple[Property, ...] = (),
    captions: tuple[str, ...] = (),
) -> Relationship:
    return Relationship(kind, tuple((a.name, b.name) for a, b in ends), properties, captions)


MODEL = GraphModel(
    labels=(PERSON, SOURCE_RECORD, ADDRESS, INCIDENT, CASE, DISPUTE, DISPUTE_NETWORK, ALERT),
    relationships=(
        _rel(
            "RESOLVED_FROM",
            (PERSON, SOURCE_RECORD),
            properties=_props(("score", FLOAT), ("evidence", STRING)),  # evidence: JSON text
            captions=("score",),
        ),
        _rel("LIVES_AT", (PERSON, ADDRESS)),
        _rel("REGISTERED_AT", (PERSON, ADDRESS)),
        _rel(
            "INVOLVED_IN",
            (PERSON, INCIDENT),
            (PERSON, CASE),
            properties=_props(("role", STRING), ("recordKey", STRING)),
            captions=("role",),
        ),
        _rel("OCCURRED_AT", (INCIDENT, ADDRESS), (CASE, ADDRESS)),
        _rel("ESCALATED_TO", (INCIDENT, CASE)),
        _rel("PART_OF", (INCIDENT, DISPUTE)),
        _rel("PARTY_TO", (PERSON, DISPUTE)),
        _rel(
            "IN_DISPUTE_WITH",
            (PERSON, PERSON),
            properties=_props(
                ("incidents", INTEGER), ("first", ISO_DATETIME), ("last", ISO_DATETIME)
            ),
            captions=("incidents",),
        ),
        _rel("SAME_HOUSEHOLD", (PERSON, PERSON)),
        _rel(
            "POSSIBLY_SAME_AS",
            (PERSON, PERSON),
            properties=_props(
                ("score", FLOAT), ("reason", STRING), ("recordA", STRING), ("recordB", STRING)
            ),
            captions=("score",),
        ),
        _rel("MEMBER_OF", (PERSON, DISPUTE_NETWORK)),
        _rel("CENTRED_AT", (DISPUTE_NETWORK, ADDRESS)),
        _rel("IN_NETWORK", (INCIDENT, DISPUTE_NETWORK)),
        _rel("ABOUT", (ALERT, INCIDENT)),
        _rel("RAISED_FOR", (ALERT, ADDRESS)),
    ),
    indexes=(
        Index("person_id", "RANGE", "NODE", ("Person",), ("personId",)),
        Index("person_name", "RANGE", "NODE", ("Person",), ("name",)),
        Index("person_pinyin", "RANGE", "NODE", ("Person",), ("pinyin",)),
        Index("person_id_number", "RANGE", "NODE", ("Person",), ("idNumber",)),
        Index("person_pinyin_letters", "RANGE", "NODE", ("Person",), ("pinyinLetters",)),
        Index("person_pinyin_initials", "RANGE", "NODE", ("Person",), ("pinyinInitials",)),
        Index("source_record_key", "RANGE", "NODE", ("SourceRecord",), ("source", "recordId")),
        Index("address_id", "RANGE", "NODE", ("Address",), ("addressId",)),
        Index("incident_id", "RANGE", "NODE", ("Incident",), ("incidentId",)),
        Index("incident_reported_at", "RANGE", "NODE", ("Incident",), ("reportedAt",)),
        Index("incident_category", "RANGE", "NODE", ("Incident",), ("category",)),
        Index("case_id", "RANGE", "NODE", ("Case",), ("caseId",)),
        Index("case_opened_at", "RANGE", "NODE", ("Case",), ("openedAt",)),
        Index("dispute_id", "RANGE", "NODE", ("Dispute",), ("disputeId",)),
        Index("network_id", "RANGE", "NODE", ("DisputeNetwork",), ("networkId",)),
        Index("alert_id", "RANGE", "NODE", ("Alert",), ("alertId",)),
        Index("address_building_key", "RANGE", "NODE", ("Address",), ("buildingKey",)),
        Index("address_compound_key", "RANGE", "NODE", ("Address",), ("compoundKey",)),
        Index("batch_id", "RANGE", "NODE", ("Batch",), ("batchId",)),  # graph.ingest's marks
        Index("involved_in_record", "RANGE", "RELATIONSHIP", ("INVOLVED_IN",), ("recordKey",)),
        Index(
            "person_names",
            "FULLTEXT",
            "NODE",
            ("Person", "SourceRecord"),
            ("name", "pinyin", "nameRaw"),
        ),
        Index(
            "address_texts",
            "FULLTEXT",
            "NODE",
            ("Address",),
            ("text", "compound", "road", "compoundName"),
        ),
        Index("person_phone_numbers", "FULLTEXT", "NODE", ("Person",), ("phones",)),
    ),
)
