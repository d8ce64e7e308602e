"""The desk's queue: what needs a human, ranked by what the decision touches."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from neo4j import AsyncDriver

from graph.statements import statement
from resolution.decisions import UNDONE, history


@dataclass(frozen=True)
class QueueFilter:
    district: str | None = None
    source: str | None = None
    min_score: float | None = None
    max_score: float | None = None


async def queue(
    driver: AsyncDriver,
    database: str,
    band: tuple[float, float],
    chosen: QueueFilter,
    skipped: set[str],
    first: int,
) -> dict:
    """{total, items}: items ranked by impact, each {id, kind, a, b, persons, sources,
    score, reason, districts, incidents, disputes, networks, impact}. A merged record's pair is
    the record (b) and the record of its person it was matched with (a)."""
    records, _, _ = await driver.execute_query(
        statement("desk/queue"),
        low=band[0],
        high=band[1],
        district=chosen.district,
        source=chosen.source,
        minScore=chosen.min_score,
        maxScore=chosen.max_score,
        skipped=sorted(skipped),
        first=first,
        database_=database,
        routing_="r",
    )
    row = records[0]
    items = []
    for item in row["items"]:
        evidence = item.pop("evidence")
        if item["kind"] == "merged":
            item["a"] = json.loads(evidence).get("matched_with")
        items.append(item)
    return {"total": row["total"], "items": items}


def decided_today(decisions_file: Path) -> int:
    """Pairs whose standing decision was made today (UTC): the desk's "reviewed today"."""
    if not decisions_file.exists():
        return 0
    today = datetime.now(UTC).date().isoformat()
    latest = {d.pair: d for d in history(decisions_file)}
    return sum(
        1 for d in latest.values() if d.decision != UNDONE and d.decided_at.startswith(today)
    )
