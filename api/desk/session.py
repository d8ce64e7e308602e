"""The desk's decisions: through `api.review` (the decision store and the graph in one
go), with each reviewer's undo and skipped pairs.

An undo must give back exactly what was before: so before each decision the desk
notes the persons it touches (their records and links), the review candidate between
them, and the standing decisions; after it, which pairs' standing changed. The undo
then restores the records, the links and the candidate, and writes each changed pair's
earlier standing (or `undone`) to the decision store (`Review.restore`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from neo4j import AsyncDriver

from api.desk.config import DeskConfig
from api.desk.pair import read, records_and_persons
from api.graphql.errors import ClientError
from api.review import Link, PersonBefore, Review
from resolution import decisions as human
from resolution.decisions import DISTINCT, MATCH, UNDONE, Decision, Decisions
from resolution.explain import Explainer

SAME, DIFFERENT, SPLIT = "same", "different", "split"
DECISIONS = (SAME, DIFFERENT, SPLIT)


@dataclass(frozen=True)
class Undo:
    decision: str
    a: str
    b: str
    persons: dict[str, PersonBefore]
    standing_before: Decisions
    candidate: dict | None


@dataclass
class Desk:
    review: Review
    driver: AsyncDriver
    database: str
    config: DeskConfig
    undo: dict[str, list[Undo]] = field(default_factory=dict)  # user -> last first
    skipped: dict[str, set[str]] = field(default_factory=dict)  # user -> queue item ids
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _explainer: Explainer | None = None
    _version: str | None = None

    async def explainer(self) -> Explainer:
        """The current model: loaded (or trained) on first use, and again once the training
        file changed (`fengqiao label --from-decisions` retrained it)."""
        from resolution.model.store import load_or_train, model_version

        version = await asyncio.to_thread(model_version, self.config.training_file)
        if self._explainer is None or self._version != version:
            model = await asyncio.to_thread(
                load_or_train, self.config.models_dir, self.config.training_file, False, 1
            )
            self._explainer, self._version = Explainer(model.matcher), model.version
        return self._explainer

    def model_fields(self, keys: list[str]) -> dict[str, dict]:
        """Each record's fields as the model compares them, from the resolution state."""
        from resolution.state import ResolutionState

        if not self.config.state_file.exists():
            return {}
        state = ResolutionState(self.config.state_file)
        try:
            return {k: r.model for k, r in state.records(keys).items()}
        finally:
            state.close()

    async def decide(self, user: str, decision: str, a: str, b: str, note: str) -> list[str]:
        """same: one person; different: two; split: b leaves its person (alone)."""
        if decision not in DECISIONS:
            raise ClientError(f"decision must be one of {', '.join(DECISIONS)}.")
        async with self.lock:
            records, persons = await records_and_persons(self.driver, self.database, a, b, 0)
            owner_a, owner_b = records[a]["personId"], records[b]["personId"]
            before_persons = {
                p: PersonBefore(
                    [Link(r["key"], r["score"], r["evidence"]) for r in row["records"]],
                    row["livesAt"],
                    row["registeredAt"],
                )
                for p, row in persons.items()
            }
            candidate = None
            if owner_a != owner_b:
                found = await read(
                    self.driver, self.database, "desk/candidate", a=owner_a, b=owner_b
                )
                if found:
                    candidate = {"a": owner_a, "b": owner_b, **found[0]}
            before = human.load(self.review.decisions_file)
            if decision == SAME:
                result = await self.review.confirm_match(user, a, b, note)
            elif decision == DIFFERENT:
                result = await self.review.reject_match(user, a, b, note)
            else:
                if persons[owner_b]["recordCount"] < 2:
                    raise ClientError(f"Record {b} is alone in its person: nothing to split off.")
                result = await self.review.split_person(user, owner_b, [b], note)
            self.undo.setdefault(user, []).append(
                Undo(decision, a, b, before_persons, before, candidate)
            )
            return result

    async def undo_last(self, user: str) -> Undo:
        """Takes back the user's latest decision not yet undone."""
        async with self.lock:
            stack = self.undo.get(user) or []
            if not stack:
                raise ClientError("Nothing to undo.")
            last = stack[-1]
            now = human.load(self.review.decisions_file)
            standing = [
                Decision(_standing(last.standing_before, pair), *pair, user, "undo")
                for pair in sorted(_changed(last.standing_before, now))
            ]
            await self.review.restore(user, last.persons, standing, last.candidate)
            stack.pop()
            return last

    def skip(self, user: str, item_id: str) -> None:
        self.skipped.setdefault(user, set()).add(item_id)


def _changed(before: Decisions, after: Decisions) -> set[tuple[str, str]]:
    return set(before.must_link ^ after.must_link) | set(before.cannot_link ^ after.cannot_link)


def _standing(decisions: Decisions, pair: tuple[str, str]) -> str:
    if pair in decisions.must_link:
        return MATCH
    return DISTINCT if pair in decisions.cannot_link else UNDONE
