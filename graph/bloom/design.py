"""What investigators get in Bloom: how each label looks, the style rules, the search
phrases and the scene actions.

Each phrase, suggestion and action is a statement of `cypher/bloom/`; property types come
from `graph/model.py`, so that a phrase's parameters and a rule's property follow the model.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_ICON = "no-icon"
# Bloom names its icons by id. These two are the ids exports use for a person and for an
# address (tests/fixtures/bloom_format.json says where they were seen); other labels get
# no icon rather than an id whose picture nobody has checked.
PERSON_ICON = "DB188874-D25F-4B34-A296-E5E950072319"
ADDRESS_ICON = "59435072-6EE1-4BB0-869A-50F2FB447DEB"


@dataclass(frozen=True)
class Look:
    color: str
    icon: str = NO_ICON


LOOKS: dict[str, Look] = {
    "Person": Look("#4C8EDA", PERSON_ICON),
    "SourceRecord": Look("#D9D9D9"),
    "Address": Look("#8DCC93", ADDRESS_ICON),
    "Incident": Look("#F79767"),
    "Case": Look("#C990C0"),
    "Dispute": Look("#FFC454"),
    "DisputeNetwork": Look("#D9C8AE"),
    "Alert": Look("#DA7194"),
}

RELATIONSHIP_COLOR = "#848484"
RELATIONSHIP_COLORS: dict[str, str] = {
    "IN_DISPUTE_WITH": "#F16667",
    "POSSIBLY_SAME_AS": "#FFC454",
}


@dataclass(frozen=True)
class SizeByRange:
    """Nodes grow with a number: `smallest` at `low` (and below), `largest` at `high`."""

    label: str
    property: str
    low: float
    high: float
    smallest: float
    largest: float


@dataclass(frozen=True)
class ColorByRange:
    """Nodes take a colour on a scale from `colors[0]` at `low` through `colors[2]` at `high`."""

    label: str
    property: str
    low: float
    mid: float
    high: float
    colors: tuple[str, str, str]


@dataclass(frozen=True)
class ColorWhenEquals:
    label: str
    property: str
    value: str
    color: str


StyleRule = SizeByRange | ColorByRange | ColorWhenEquals

STYLE_RULES: tuple[StyleRule, ...] = (
    # riskScore is 0-100 (cypher/README.md): the riskiest networks stand out by size
    SizeByRange("DisputeNetwork", "riskScore", low=0, high=100, smallest=1, largest=3),
    # trend is the monthly slope of incidents: green when calming, red when getting worse
    ColorByRange(
        "DisputeNetwork", "trend", low=-1, mid=0, high=1, colors=("#569480", "#D9C8AE", "#F16667")
    ),
    ColorWhenEquals("Alert", "level", "building", "#F79767"),
    ColorWhenEquals("Alert", "level", "compound", "#F16667"),
)


@dataclass(frozen=True)
class Param:
    """A search phrase's `$name`. Its data type is that of the property it is compared with;
    suggestions are that property's values (`label_key`), a suggestion statement's, or none."""

    name: str
    label: str
    property: str
    label_key: bool = False
    suggestions: str | None = None


@dataclass(frozen=True)
class SearchPhrase:
    text: str
    description: str
    statement: str
    params: tuple[Param, ...] = ()


@dataclass(frozen=True)
class SceneAction:
    """A query on the selected nodes (`$nodes`), offered only on nodes of `labels`."""

    name: str
    statement: str
    labels: tuple[str, ...]


SEARCH_PHRASES: tuple[SearchPhrase, ...] = (
    SearchPhrase(
        "People in dispute with $name",
        "Everyone the people of this name keep being in dispute with",
        "bloom/phrase_people_in_dispute",
        (Param("name", "Person", "name", suggestions="bloom/suggest_people_in_dispute"),),
    ),
    SearchPhrase(
        "Repeat-dispute networks in $district since $since",
        "Networks of a district with incidents since a time (2024-01-01T00:00), members and places",
        "bloom/phrase_networks_in_district",
        (
            Param(
                "district",
                "DisputeNetwork",
                "district",
                suggestions="bloom/suggest_network_districts",
            ),
            Param("since", "DisputeNetwork", "lastAt"),
        ),
    ),
    SearchPhrase(
        "Riskiest repeat-dispute networks",
        "The ten networks with the highest risk score, members and places",
        "bloom/phrase_riskiest_networks",
    ),
    SearchPhrase(
        "Hotspot alerts in $district",
        "Buildings and compounds whose dispute incidents crossed the threshold",
        "bloom/phrase_alerts_in_district",
        (Param("district", "Alert", "district", suggestions="bloom/suggest_alert_districts"),),
    ),
    SearchPhrase(
        "Alerts raised in the last 90 days",
        "Alerts raised in the 90 days up to the newest incident, and their addresses",
        "bloom/phrase_recent_alerts",
    ),
    SearchPhrase(
        "Incidents at $address",
        "Incidents at addresses whose text, compound or road holds these characters",
        "bloom/phrase_incidents_at",
        (Param("address", "Address", "text", suggestions="bloom/suggest_incident_compounds"),),
    ),
    SearchPhrase(
        "Incidents at $address since $since",
        "Incidents at these addresses since a time (2024-01-01T00:00), newest first",
        "bloom/phrase_incidents_at_since",
        (
            Param("address", "Address", "text", suggestions="bloom/suggest_incident_compounds"),
            Param("since", "Incident", "reportedAt"),
        ),
    ),
    SearchPhrase(
        "Who else lives at the address of $name",
        "Residents and registered people of the addresses of the people of this name",
        "bloom/phrase_co_residents",
        (Param("name", "Person", "name", label_key=True),),
    ),
    SearchPhrase(
        "Path between $first and $second",
        "The shortest path, at most six steps, between two people",
        "bloom/phrase_path_between",
        (
            Param("first", "Person", "name", label_key=True),
            Param("second", "Person", "name", label_key=True),
        ),
    ),
    SearchPhrase(
        "Possible duplicates of $name",
        "Persons that may be the same as the people of this name (review candidates)",
        "bloom/phrase_possible_duplicates",
        (Param("name", "Person", "name", suggestions="bloom/suggest_possible_duplicates"),),
    ),
    SearchPhrase(
        "Person with ID number $idNumber",
        "The person with this ID number and their source records",
        "bloom/phrase_person_by_id_number",
        (Param("idNumber", "Person", "idNumber"),),
    ),
)

SCENE_ACTIONS: tuple[SceneAction, ...] = (
    SceneAction("Disputes of this person", "bloom/action_person_disputes", ("Person",)),
    SceneAction("Source records and evidence", "bloom/action_person_records", ("Person",)),
    SceneAction("Incidents and cases", "bloom/action_person_incidents", ("Person",)),
    SceneAction("Addresses and household", "bloom/action_person_household", ("Person",)),
    SceneAction("Possible duplicates", "bloom/action_person_duplicates", ("Person",)),
    SceneAction(
        "Members and places of this network", "bloom/action_network_members", ("DisputeNetwork",)
    ),
    SceneAction("Incidents of this network", "bloom/action_network_incidents", ("DisputeNetwork",)),
    SceneAction("Incidents behind this alert", "bloom/action_alert_incidents", ("Alert",)),
    SceneAction("Incidents and residents here", "bloom/action_address_activity", ("Address",)),
    SceneAction(
        "Parties, escalation and dispute", "bloom/action_incident_context", ("Incident", "Case")
    ),
    SceneAction(
        "Incidents and parties of this dispute", "bloom/action_dispute_thread", ("Dispute",)
    ),
    SceneAction("Person this record resolved to", "bloom/action_record_person", ("SourceRecord",)),
)
