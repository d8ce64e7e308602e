"""The integration team's review of matches: confirm, reject, split, merge.

Only roles that may decide matches get past `require`; every decision is kept
in decisions.csv for later resolve runs and applied to the graph (api/review.py).
"""

from __future__ import annotations

import asyncio

import strawberry
from strawberry.types import Info

from api.graphql.context import ClientError, Context, Refused
from api.graphql.types import Person
from api.review import Review
from api.security.roles import Permission

MAX_MERGED = 20  # persons one mergePersons may join
MAX_SPLIT = 200  # records one splitPerson may move


@strawberry.type(description="What a decision changed: the persons as they now are.")
class ReviewResult:
    decision: str
    persons: list[Person]


def _review(context: Context) -> Review:
    context.require(Permission.DECIDE_MATCHES)
    if context.review is None:
        raise ClientError("This server does not take review decisions.")
    return context.review


async def _in_jurisdiction(context: Context, person_ids: list[str]) -> None:
    """A token scoped to districts decides only on persons it can see."""
    if not context.principal.scoped:
        return
    found = await asyncio.gather(*(context.related("api/person", p) for p in person_ids))
    unseen = [p for p, rows in zip(person_ids, found, strict=True) if not rows]
    if unseen:
        raise Refused(f"Not in this token's jurisdiction: {', '.join(sorted(unseen))}.")


def _unscoped(context: Context) -> None:
    if context.principal.scoped:
        raise Refused("Decisions on two records need a token without a jurisdiction.")


async def _result(context: Context, decision: str, person_ids: list[str]) -> ReviewResult:
    rows = await asyncio.gather(*(context.related("api/person", p) for p in person_ids))
    return ReviewResult(decision=decision, persons=[Person.of_row(r[0]) for r in rows if r])


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Two records (source:record_id) are the same person.")
    async def confirm_match(
        self, info: Info, record_a: strawberry.ID, record_b: strawberry.ID, note: str = ""
    ) -> ReviewResult:
        context: Context = info.context
        _unscoped(context)
        persons = await _review(context).confirm_match(
            context.principal.user, str(record_a), str(record_b), note
        )
        return await _result(context, "match", persons)

    @strawberry.mutation(description="Two records (source:record_id) are different people.")
    async def reject_match(
        self, info: Info, record_a: strawberry.ID, record_b: strawberry.ID, note: str = ""
    ) -> ReviewResult:
        context: Context = info.context
        _unscoped(context)
        persons = await _review(context).reject_match(
            context.principal.user, str(record_a), str(record_b), note
        )
        return await _result(context, "distinct", persons)

    @strawberry.mutation(description="These records of a person belong to someone else.")
    async def split_person(
        self, info: Info, id: strawberry.ID, records: list[strawberry.ID], note: str = ""
    ) -> ReviewResult:
        context: Context = info.context
        if not 1 <= len(records) <= MAX_SPLIT:
            raise ClientError(f"splitPerson moves 1 to {MAX_SPLIT} records.")
        await _in_jurisdiction(context, [str(id)])
        persons = await _review(context).split_person(
            context.principal.user, str(id), [str(r) for r in records], note
        )
        return await _result(context, "split", persons)

    @strawberry.mutation(description="These persons are one; the result names the survivor.")
    async def merge_persons(
        self, info: Info, ids: list[strawberry.ID], note: str = ""
    ) -> ReviewResult:
        context: Context = info.context
        if not 2 <= len(ids) <= MAX_MERGED:
            raise ClientError(f"mergePersons joins 2 to {MAX_MERGED} persons.")
        await _in_jurisdiction(context, [str(i) for i in ids])
        survivor = await _review(context).merge_persons(
            context.principal.user, [str(i) for i in ids], note
        )
        return await _result(context, "match", [survivor])
