"""The desk's pair view: two records side by side, the model's evidence as a waterfall,
the persons they belong to, and what each decision would change.

The evidence is computed now, from the records' model fields in the resolution state
and the current Dedupe model (`resolution.explain`): the log-odds are the prior (the
model's intercept) plus one weight per field, so the bars add up to the final score.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from api.graphql.errors import ClientError
from api.security.masking import FieldMeanings, field_meanings
from api.security.roles import Permission, Role, may
from graph.statements import statement
from resolution.decisions import split_key
from resolution.explain import Explainer

Row = dict[str, Any]


async def read(driver: AsyncDriver, database: str, name: str, **parameters: object) -> list[Row]:
    records, _, _ = await driver.execute_query(
        statement(name), parameters, database_=database, routing_="r"
    )
    return [r.data() for r in records]


def record_params(keys: list[str]) -> list[dict[str, str]]:
    return [{"key": k, "source": split_key(k)[0], "recordId": split_key(k)[1]} for k in keys]


async def records_and_persons(
    driver: AsyncDriver, database: str, a: str, b: str, max_incidents: int
) -> tuple[dict[str, Row], dict[str, Row]]:
    """The pair's records (by key) and the persons they belong to (by id), unmasked."""
    if a == b:
        raise ClientError("A pair needs two different records.")
    rows = await read(driver, database, "desk/records", records=record_params([a, b]))
    records = {r["key"]: r for r in rows}
    missing = [k for k in (a, b) if k not in records or records[k]["personId"] is None]
    if missing:
        raise ClientError(f"No such record in the graph: {', '.join(missing)}.")
    ids = sorted({records[a]["personId"], records[b]["personId"]})
    persons = await read(driver, database, "desk/persons", ids=ids, maxIncidents=max_incidents)
    return records, {p["personId"]: p for p in persons}


def pair_view(
    a: str,
    b: str,
    records: dict[str, Row],
    persons: dict[str, Row],
    models: Mapping[str, Mapping[str, str | None]],
    explainer: Explainer,
    role: Role,
    mapping_file: Path | None = None,
) -> Row:
    """Everything the page shows of a pair, masked as `role` requires (export columns by
    their meaning in the platform mapping and the bureau's `mapping_file`)."""
    full = may(role, Permission.SEE_FULL_IDENTITY)
    masking = None if full else field_meanings(mapping_file)
    owner_a, owner_b = records[a]["personId"], records[b]["personId"]
    evidence = (
        waterfall(explainer.explain(models[a], models[b]), masking)
        if a in models and b in models
        else None
    )
    return {
        "a": _record(records[a], masking),
        "b": _record(records[b], masking),
        "evidence": evidence,
        "persons": [_person(persons[p], masking) for p in dict.fromkeys([owner_a, owner_b])],
        "samePerson": owner_a == owner_b,
        "preview": preview(a, b, records, persons),
    }


def waterfall(explanation: Row, masking: FieldMeanings | None) -> Row:
    """The explanation as steps from the prior log-odds to the final score; values masked
    by `masking` (None: shown in full)."""
    shown = masking.mask if masking else (lambda _field, value: value)
    prior = explanation["intercept"]
    running, steps = prior, []
    for f in explanation["fields"]:
        start, running = running, running + f["weight"]
        steps.append(
            {
                "field": f["field"],
                "a": shown(f["field"], f["a"]),
                "b": shown(f["field"], f["b"]),
                "level": f["level"],
                "weight": f["weight"],
                "from": round(start, 3),
                "to": round(running, 3),
            }
        )
    return {
        "prior": prior,
        "priorScore": round(_probability(prior), 4),
        "steps": steps,
        "final": round(running, 3),
        "score": round(_probability(running), 4),
    }


def preview(a: str, b: str, records: dict[str, Row], persons: dict[str, Row]) -> Row:
    """What each decision would change, before it is made."""
    pa, pb = persons[records[a]["personId"]], persons[records[b]["personId"]]
    moving = records[b]["involvements"]
    if pa["personId"] == pb["personId"]:
        split_b = {
            "records": [b],
            "text": [
                f"Record {b} leaves person {pa['personId']} for a new person, "
                f"taking {moving} incident or case involvement(s) with it; "
                f"{pa['recordCount'] - 1} record(s) stay.",
            ],
            "networks": pa["networks"],
        }
        return {
            "same": {
                "text": [f"Already one person ({pa['personId']}): the link is confirmed."],
                "networks": [],
            },
            "different": split_b,
            "split": split_b,
        }
    survivor = min((pa, pb), key=lambda p: (-p["recordCount"], p["personId"]))
    other = pb if survivor is pa else pa
    networks = sorted(set(pa["networks"]) | set(pb["networks"]))
    return {
        "same": {
            "text": [
                f"Persons {pa['personId']} and {pb['personId']} merge into "
                f"{survivor['personId']} ({pa['recordCount'] + pb['recordCount']} records, "
                f"{pa['incidentCount'] + pb['incidentCount']} incident(s)); "
                f"{other['personId']} goes away.",
            ],
            "networks": networks,
        },
        "different": {
            "text": [
                "Nothing moves: the two stay different persons, the pair leaves the queue, "
                "and later resolves never put these records together."
            ],
            "networks": [],
        },
        "split": (
            {
                "records": [b],
                "text": [
                    f"Record {b} leaves person {pb['personId']} for a new person, taking "
                    f"{moving} incident or case involvement(s) with it.",
                ],
                "networks": pb["networks"],
            }
            if pb["recordCount"] > 1
            else None
        ),
    }


def _record(row: Row, masking: FieldMeanings | None) -> Row:
    record = _masked(row["record"], masking) if masking else dict(row["record"])
    return {
        **record,
        "key": row["key"],
        "personId": row["personId"],
        "score": row["score"],
    }


def _person(row: Row, masking: FieldMeanings | None) -> Row:
    records = []
    for r in row["records"]:
        shown = {k: v for k, v in r.items() if k != "evidence"}
        records.append(_masked(shown, masking) if masking else shown)
    return {**row, "records": records}


def _masked(record: Row, meanings: FieldMeanings) -> Row:
    """A source record's properties as a masked role sees them, as the GraphQL API shows
    them (api.security.masking): identity fields and raw export columns by meaning (the
    birth date as its year), free text by pattern."""
    out: Row = {}
    for key, value in record.items():
        column = re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()  # idNumber -> id_number
        if key == "raw" and value:
            raw = json.loads(value)
            out[key] = json.dumps(
                {h: meanings.mask(h, v) for h, v in raw.items()}, ensure_ascii=False
            )
        elif key == "phones":
            out[key] = [meanings.mask("phone", p) for p in value or []]
        elif key == "nameRaw":
            out[key] = meanings.mask("name", value)
        else:
            out[key] = meanings.mask(column, value) if isinstance(value, str) else value
    return out


def _probability(log_odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-log_odds))
