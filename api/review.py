"""Human review of matches through the API: confirm, reject, split, merge.

Each decision is appended to decisions.csv (`resolution.decisions`), which every
later `fengqiao resolve` respects, and is applied to the graph at once, in one
write transaction: records move between persons with their involvement in
incidents and cases, the persons' attributes are refreshed from their records,
and then disputes, networks and alerts are analysed again.

Which person keeps its id follows `resolution.ids`: in a merge the person holding
the anchor record of them all, in a split the part holding the person's anchor
record; a new part gets the id resolution would derive for it. A later batch or a
whole run over the same records and decisions gives the same ids.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from neo4j import AsyncDriver, AsyncManagedTransaction

from api.graphql.errors import ClientError
from graph.statements import statement
from resolution import decisions as human
from resolution.decisions import DISTINCT, MATCH, Decision, record_key, split_key
from resolution.ids import anchor, derived_id

Step = tuple[str, dict]


@dataclass(frozen=True)
class Link:
    """A record's link to its person as it was: what an undo gives back."""

    key: str  # source:record_id
    score: float | None
    evidence: str | None  # JSON text, as RESOLVED_FROM keeps it


@dataclass(frozen=True)
class PersonBefore:
    """A person as it was before a decision: its records' links and its addresses."""

    links: list[Link]
    lives_at: list[str]
    registered_at: list[str]


@dataclass
class Review:
    driver: AsyncDriver
    database: str
    decisions_file: Path
    reanalyse: Callable[[], None]  # blocking; run in a worker thread after each change
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def confirm_match(self, user: str, a: str, b: str, note: str) -> list[str]:
        """Records a and b are one person: their persons merge."""
        async with self.lock:
            owners = await self._owners([a, b])
            persons = sorted({owners[a], owners[b]})
            human.append(
                self.decisions_file,
                [Decision(MATCH, a, b, user, note)]
                + self._lift_rejections(await self._records_of(persons), user, note),
            )
            if len(persons) > 1:
                persons = [await self._merge(persons, _evidence(MATCH, user, note))]
            else:  # already one person: the links now carry the human's word, not the model's
                await self._write([_move(persons[0], [a, b], _evidence(MATCH, user, note))])
            await self._after_change(persons)
            return persons

    async def reject_match(self, user: str, a: str, b: str, note: str) -> list[str]:
        """Records a and b are two people: b leaves a's person, or the pair stops being
        a review candidate."""
        async with self.lock:
            owners = await self._owners([a, b])
            human.append(self.decisions_file, [Decision(DISTINCT, a, b, user, note)])
            if owners[a] == owners[b]:
                persons = await self._split(owners[a], {b}, _evidence(DISTINCT, user, note))
            else:
                persons = [owners[a], owners[b]]
                await self._write(
                    [("review/clear_possibly_same", {"a": persons[0], "b": persons[1]})]
                )
            await self._after_change(persons)
            return persons

    async def split_person(
        self, user: str, person_id: str, records: list[str], note: str
    ) -> list[str]:
        """The given records are someone else than the rest of the person's records."""
        async with self.lock:
            members = (await self._records_of([person_id]))[person_id]
            moving = set(records)
            if not moving or moving - set(members):
                raise ClientError(
                    f"Every record to split off must belong to person {person_id}: "
                    f"{', '.join(sorted(moving - set(members))) or 'none given'}."
                )
            staying = [m for m in members if m not in moving]
            if not staying:
                raise ClientError("A split must leave at least one record with the person.")
            ordered = sorted(moving)
            human.append(
                self.decisions_file,
                [Decision(DISTINCT, m, s, user, note) for m in ordered for s in staying]
                + [Decision(MATCH, x, y, user, note) for x, y in pairwise(ordered)],
            )
            persons = await self._split(person_id, moving, _evidence("split", user, note))
            await self._after_change(persons)
            return persons

    async def merge_persons(self, user: str, person_ids: list[str], note: str) -> str:
        """The given persons are one; returns the id that survives."""
        async with self.lock:
            unique = sorted(set(person_ids))
            if len(unique) < 2:
                raise ClientError("Name at least two different persons to merge.")
            members = await self._records_of(unique)
            anchors = {p: anchor(members[p]) for p in unique}
            keep = _survivor(members)
            human.append(
                self.decisions_file,
                [
                    Decision(MATCH, anchors[keep], anchors[p], user, note)
                    for p in unique
                    if p != keep
                ]
                + self._lift_rejections(members, user, note),
            )
            survivor = await self._merge(unique, _evidence(MATCH, user, note))
            await self._after_change([survivor])
            return survivor

    async def restore(
        self,
        user: str,
        persons: dict[str, PersonBefore],
        standing: list[Decision],
        candidate: dict | None,
    ) -> list[str]:
        """Undo of a decision: the persons it touched are as they were before it (their
        records with the links' score and evidence, their addresses; a person merged away
        is made again), the decision store says again what it said before (`standing`:
        the earlier decision of each pair the undone one changed, or UNDONE), and the
        review candidate it settled (`candidate`: a, b, score, reason, recordA, recordB)
        is one again."""
        async with self.lock:
            keys = [link.key for before in persons.values() for link in before.links]
            owners = await self._owners(keys)
            moved = {
                person: [link for link in before.links if owners[link.key] != person]
                for person, before in persons.items()
            }
            human.append(self.decisions_file, standing)
            evidence = _evidence("undo", user, "")
            steps: list[Step] = [
                _move(person, [link.key for link in links], evidence)
                for person, links in moved.items()
                if links
            ]
            links = [  # every link, moved or not: a confirmation had relabelled them too
                {**_record(link.key), "personId": p, "score": link.score, "evidence": link.evidence}
                for p, before in persons.items()
                for link in before.links
            ]
            homes = [
                {"personId": p, "livesAt": b.lives_at, "registeredAt": b.registered_at}
                for p, b in persons.items()
            ]
            touched = sorted(set(owners.values()) | set(persons))
            steps += [
                ("review/restore_links", {"links": links}),
                ("review/restore_addresses", {"rows": homes}),
                ("review/drop_empty_persons", {"ids": sorted(set(owners.values()) - set(persons))}),
                ("review/refresh_persons", {"ids": touched}),
            ]
            if candidate is not None:
                steps.append(("review/restore_possibly_same", candidate))
            await self._write(steps)
            await self._after_change(touched)
            return sorted(persons)

    def _lift_rejections(
        self, members: dict[str, list[str]], user: str, note: str
    ) -> list[Decision]:
        """Earlier rejections between records of persons now declared one are overruled:
        the latest decision on a pair wins, so each such pair gets a match."""
        owner = {key: person for person, keys in members.items() for key in keys}
        return [
            Decision(MATCH, a, b, user, note)
            for a, b in sorted(human.load(self.decisions_file).cannot_link)
            if a in owner and b in owner and owner[a] != owner[b]
        ]

    # --- the graph ----------------------------------------------------------------

    async def _merge(self, person_ids: list[str], evidence: str) -> str:
        members = await self._records_of(person_ids)
        keep = _survivor(members)
        steps: list[Step] = []
        for other in (p for p in person_ids if p != keep):
            steps.append(_move(keep, members[other], evidence))
            steps.append(("review/adopt_addresses", {"from": other, "to": keep}))
        steps.append(("review/drop_empty_persons", {"ids": [p for p in person_ids if p != keep]}))
        steps.append(("review/refresh_persons", {"ids": [keep]}))
        await self._write(steps)
        return keep

    async def _split(self, person_id: str, moving: set[str], evidence: str) -> list[str]:
        members = (await self._records_of([person_id]))[person_id]
        leaving = sorted(moving)
        staying = [m for m in members if m not in moving]
        if anchor(members) in moving:
            leaving, staying = staying, leaving  # the part holding the anchor keeps the id
        new_id = await self._fresh_id(anchor(leaving))
        await self._write(
            [
                _move(new_id, leaving, evidence),
                ("review/refresh_persons", {"ids": [person_id, new_id]}),
            ]
        )
        return [person_id, new_id]

    async def _fresh_id(self, anchor_key: str) -> str:
        candidates = [derived_id(anchor_key, attempt) for attempt in range(20)]
        rows = await self._read("review/person_ids_taken", ids=candidates)
        taken = {r["id"] for r in rows if r["taken"]}
        return next(c for c in candidates if c not in taken)

    async def _after_change(self, persons: list[str]) -> None:
        """The households of the persons a decision touched and the disputes follow the
        moved records, and the eventually consistent search indexes catch up, so that a
        search right after a decision finds its persons."""
        await self._write([("load/same_household_of", {"ids": persons})])
        await self.driver.execute_query(
            statement("load/12_search_indexes"), database_=self.database
        )
        await asyncio.to_thread(self.reanalyse)

    async def _owners(self, keys: list[str]) -> dict[str, str]:
        rows = await self._read("review/record_owners", records=[_record(k) for k in keys])
        unknown = [r["key"] for r in rows if not r["known"] or r["personId"] is None]
        if unknown:
            raise ClientError(f"No such record in the graph: {', '.join(unknown)}.")
        return {r["key"]: r["personId"] for r in rows}

    async def _records_of(self, person_ids: list[str]) -> dict[str, list[str]]:
        rows = await self._read("review/person_records", ids=person_ids)
        members: dict[str, list[str]] = {p: [] for p in person_ids}
        for r in rows:
            members[r["personId"]].append(record_key(r["source"], r["recordId"]))
        missing = [p for p, keys in members.items() if not keys]
        if missing:
            raise ClientError(f"No such person in the graph: {', '.join(missing)}.")
        return members

    async def _read(self, name: str, **parameters: object) -> list[dict]:
        records, _, _ = await self.driver.execute_query(
            statement(name), parameters, database_=self.database, routing_="r"
        )
        return [r.data() for r in records]

    async def _write(self, steps: Iterable[Step]) -> None:
        """All steps in one managed write transaction: a decision lands whole or not at all."""

        async def work(tx: AsyncManagedTransaction) -> None:
            for name, parameters in steps:
                await (await tx.run(statement(name), parameters)).consume()

        steps = list(steps)
        async with self.driver.session(database=self.database) as session:
            await session.execute_write(work)


def _survivor(members: dict[str, list[str]]) -> str:
    """The person holding the anchor record of all their records keeps its id."""
    first = anchor(key for keys in members.values() for key in keys)
    return next(p for p, keys in members.items() if first in keys)


def _move(person_id: str, keys: Iterable[str], evidence: str) -> Step:
    return (
        "review/move_records",
        {"personId": person_id, "records": [_record(k) for k in keys], "evidence": evidence},
    )


def _record(key: str) -> dict[str, str]:
    source, record_id = split_key(key)
    return {"key": key, "source": source, "recordId": record_id}


def _evidence(decision: str, user: str, note: str) -> str:
    return json.dumps(
        {
            "decision": decision,
            "decided_by": user,
            "decided_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "note": note,
        },
        ensure_ascii=False,
    )
