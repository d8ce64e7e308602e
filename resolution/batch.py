"""Linking one batch into the durable state (resolution.state), reading only the batch.

The batch's records meet the stored records they share a blocking key with (and
those a human decision names with them); the pairs are scored by the same Dedupe
model and linked by the same three stages as a whole-history run
(resolution.linking), with the stored records as settled persons. A person is
re-resolved whole when a human decision now contradicts it, and so is every stored
person with no registry record that the batch's records meet (or whose name-only
parties' flats it brings a resident to), as a whole run would link its records again
beside the batch's; so are the name-only parties of a registered person met through one
of them (`_reopen`), with their incidents' callers held for contextual linking. Only the
persons the batch touches are rebuilt (canonical attributes, ids): a person keeps the
id of its anchor record's person (resolution.ids), and a new person's id derives from
its anchor record, never reusing an id the state ever gave.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from resolution import decisions as human
from resolution.blocking import pairs_of
from resolution.context import (
    BEARERS_COUNTED,
    CALLER,
    incident_flats,
    link_in_context,
    name_only,
    resident_flats,
)
from resolution.coparties import opposing_pairs
from resolution.explain import Explainer
from resolution.ids import anchor, assign_person_ids
from resolution.linking import link_records
from resolution.normalised import NamedFlat, flat_named
from resolution.pipeline import (
    Resolution,
    ResolveOptions,
    explain_links,
    indexed_pairs,
    review_row,
    review_rows,
    touching,
    with_decided,
)
from resolution.prepare import Prepared, redirect
from resolution.record import PersonRecord
from resolution.schema import PersonRow
from resolution.scoring import score_pairs
from resolution.state import ResolutionState, StateChanges
from resolution.survivorship import canonical_person

BRIDGE = "bridge: a new record matches two persons"


@dataclass(frozen=True)
class BatchStats:
    records: int  # person records in the batch
    unchanged: int  # of those, already in the state as they are
    relinked: int  # records linked in this batch (new, changed, or of released persons)
    candidates: int  # stored records they were compared with
    pairs: int
    new_persons: int
    grown_persons: int  # existing persons that gained records
    removed_persons: int
    flagged: int  # review rows (uncertain, ambiguous, bridges)


def link_batch(
    state: ResolutionState, prepared: Prepared, model, options: ResolveOptions
) -> tuple[StateChanges, BatchStats]:
    decided = human.load(options.decisions_file)
    _alias_to_stored_flats(state, prepared)
    known = state.records(r.key for r in prepared.records)
    fresh = [r for r in prepared.records if r.key not in known or _changed(known[r.key], r)]
    relink = {r.key: r for r in fresh}
    previous = {k: known[k].person_id for k in relink if k in known}
    for person_id, records in state.records_of(_contradicted(state, decided)).items():
        for record in records:
            relink.setdefault(record.key, record)
            previous[record.key] = person_id
    stored = {c.key: c for c in state.candidates(list(relink.values()), options.blocking)}
    met = [c for k, c in stored.items() if k not in relink]
    waiting = {r.person_id for r in state.parties_at(_resident_flats(relink.values()))}
    registry_less = _registry_less(state, {c.person_id for c in met} | waiting)
    reopened = _reopen(state, registry_less, relink, previous)
    named = {c.person_id for c in met if _name_only(c)} - registry_less
    reopened |= _reopen(state, named, relink, previous, _name_only)
    stored.update((c.key, c) for c in state.candidates(list(reopened.values()), options.blocking))
    _hold_callers(state, stored, reopened.values(), relink)
    incoming = list(relink.values())
    stored.update((r.key, r) for r in state.residents(_name_only_flats(incoming)))
    partners = _decided_partners(decided, relink.keys())
    stored.update(state.records(k for k in partners if k not in stored))
    common = _registry_names(state, incoming, stored)
    local = [c for k, c in stored.items() if k not in relink] + incoming
    unmatched = _registry_less(state, {c.person_id for k, c in stored.items() if k not in relink})
    resolution, linkage_groups = _link(
        local, len(local) - len(incoming), model, decided, options, unmatched, common
    )

    changes, new_persons, grown = _persons(
        state, local, linkage_groups, relink, previous, reopened.keys()
    )
    explain_links(resolution, Explainer(model.matcher))
    review = list(review_rows(resolution, options.review_band)) + _bridges(resolution, options)
    changes.incidents, changes.cases = prepared.incidents, prepared.cases
    changes.addresses = _better_addresses(state, prepared.addresses)
    changes.review = review
    stats = BatchStats(
        records=len(prepared.records),
        unchanged=len(prepared.records) - len(fresh),
        relinked=len(incoming),
        candidates=len(local) - len(incoming),
        pairs=len(resolution.pairs),
        new_persons=new_persons,
        grown_persons=grown,
        removed_persons=len(changes.removed_persons),
        flagged=len(review),
    )
    return changes, stats


def _changed(stored: PersonRecord, record: PersonRecord) -> bool:
    """Whether a record sent again differs from the stored one in what it says."""
    a, b = stored.to_json(), record.to_json()
    ignored = ("person_id", "score", "evidence", "file", "line")
    return any(a[k] != b[k] for k in a if k not in ignored)


def _contradicted(state: ResolutionState, decided: human.Decisions) -> set[str]:
    """Stored persons that a human decision contradicts: re-resolved whole."""
    pairs = [*decided.must_link, *decided.cannot_link]
    person_of = state.persons_of({k for pair in pairs for k in pair})
    broken = set()
    for a, b in decided.cannot_link:
        if a in person_of and b in person_of and person_of[a] == person_of[b]:
            broken.add(person_of[a])
    for a, b in decided.must_link:
        if a in person_of and b in person_of and person_of[a] != person_of[b]:
            broken |= {person_of[a], person_of[b]}
    return broken


def _reopen(
    state: ResolutionState,
    person_ids: set[str],
    relink: dict[str, PersonRecord],
    previous: dict[str, str],
    which: Callable[[PersonRecord], bool] = lambda _record: True,
) -> dict[str, PersonRecord]:
    """Link again, with the batch, the records (`which` of them) of stored persons the
    batch's records meet, as a whole run links them beside the batch's. Two kinds:

    - persons with no registry record, whole: a whole run links their records (parties
      that matched no registered person) in stage 2 through the batch's new members and
      in stage 3 clustered with them all, and a batch that kept them settled would join,
      split or chain them otherwise;
    - the name-only parties of registered persons met through one of them: a whole run
      places them (stage 2, stage 3 beside the batch's parties, then by context) before
      any is a member another party can link through, and a batch that kept them settled
      would let a new party of a like name join the registered person through them.

    Returns the records added to `relink`."""
    reopened = {}
    for person_id, records in state.records_of(person_ids).items():
        for record in records:
            if record.key not in relink and which(record):
                reopened[record.key] = relink[record.key] = record
                previous[record.key] = person_id
    return reopened


def _name_only(record: PersonRecord) -> bool:
    return name_only(record.source, record.model)


def _resident_flats(records: Iterable[PersonRecord]) -> set[str]:
    """The flats the batch's records count as residents of: a name-only party of an incident
    there, stored alone, is one a whole run may now place with one of them."""
    return {flat for r in records for flat in resident_flats(r.source, r.model)}


def _hold_callers(
    state: ResolutionState,
    stored: dict[str, PersonRecord],
    reopened: Iterable[PersonRecord],
    relink: dict[str, PersonRecord],
) -> None:
    """The parties of the reopened records' incidents join `stored`, with the registry
    records of the identified ones' persons: contextual linking weighs a caller's home and
    a caller's repeated naming, which a whole run holds and the batch's candidates need
    not. A batch's own records come with their incidents' parties."""
    incidents = {r.incident_id for r in reopened if r.source == "dispatch" and r.incident_id}
    if not incidents:
        return
    identified = set()
    for party in state.parties_of(incidents):
        if party.key not in relink:
            stored.setdefault(party.key, party)
        if party.role == CALLER or party.phones or party.id_number:
            identified.add(party.person_id)
    for records in state.records_of(identified).values():
        for record in records:
            if record.source == "population" and record.key not in relink:
                stored.setdefault(record.key, record)


def _name_only_flats(records: Iterable[PersonRecord]) -> set[str]:
    """The incidents' flats of the parties contextual linking may place there: at a flat it
    weighs every resident (a common name, a sound, a surname), which a whole run holds and
    the batch's candidates need not."""
    return {
        flat
        for r in records
        if r.source != "population" and not r.id_number
        for flat in incident_flats(r)
    }


def _decided_partners(decided: human.Decisions, keys: Iterable[str]) -> set[str]:
    wanted = set(keys)
    return {
        other
        for a, b in (*decided.must_link, *decided.cannot_link)
        for key, other in ((a, b), (b, a))
        if key in wanted
    }


def _registry_names(
    state: ResolutionState, incoming: list[PersonRecord], stored: dict[str, PersonRecord]
) -> dict[str, int]:
    """How many registered persons carry the batch's names, as contextual linking needs it:
    the registry records of a rarely carried name's bearers join `stored`; the names more
    persons carry are returned with that count."""
    names = {r.model["name"] for r in incoming if r.model.get("name")}
    bearers = state.registry_bearers(names, BEARERS_COUNTED)
    for records in bearers.records.values():
        for record in records:
            stored.setdefault(record.key, record)
    return bearers.more


def _registry_less(state: ResolutionState, person_ids: set[str]) -> set[str]:
    """Persons with no registry record: the ones a whole run's stage 3 clustered."""
    rows = state.persons(person_ids)
    return {p for p, row in rows.items() if "population:" not in (row.get("sources") or "")}


def _link(
    local: list[PersonRecord],
    settled_count: int,
    model,
    decided,
    options: ResolveOptions,
    registry_less: set[str],
    common_names: dict[str, int],
):
    """Block, score and link the incoming records (the tail of `local`) against the rest;
    the stored persons with no registry record may take new parties in stage 3."""
    new = list(range(settled_count, len(local)))
    groups: dict[str, int] = {}
    settled = {i: groups.setdefault(local[i].person_id, len(groups)) for i in range(settled_count)}
    key_index = {r.key: i for i, r in enumerate(local)}
    must = indexed_pairs(decided.must_link, key_index)
    cannot = indexed_pairs(decided.cannot_link, key_index)
    pairs = pairs_of(((i, r.model) for i, r in enumerate(local)), options.blocking)
    open_records = {i for i in range(settled_count) if local[i].person_id in registry_less}
    pairs = with_decided(touching(pairs, set(new), within=open_records), must)
    scores = score_pairs(model.matcher, [r.model for r in local], pairs)
    apart = opposing_pairs(local, options.linking.opposing_roles) - must
    linkage = link_records(
        [r.source for r in local],
        pairs,
        scores,
        new,
        settled,
        must,
        cannot | apart,
        options.linking,
        frozenset(groups[p] for p in registry_less if p in groups),
    )
    context = link_in_context(local, linkage, new, cannot | apart, common_names)
    for i in new:
        local[i].score = linkage.score_of[i]
    resolution = Resolution(local, pairs, scores, linkage, [], [], set(new), context)
    return resolution, linkage.group_of


def _persons(
    state: ResolutionState,
    local: list[PersonRecord],
    group_of: dict[int, int],
    relink: dict[str, PersonRecord],
    previous: dict[str, str],
    reopened: Iterable[str],
) -> tuple[StateChanges, int, int]:
    """The persons the batch touches, whole: their members, ids and canonical rows. Of the
    records linked again only to be reconsidered (`reopened`), those whose person stayed
    are not changes."""
    arrived = relink.keys() - set(reopened)
    touched = {group_of[i] for i, r in enumerate(local) if r.key in relink}
    person_of_group = {group_of[i]: r.person_id for i, r in enumerate(local) if r.key not in relink}
    old_ids = {person_of_group[g] for g in touched if g in person_of_group} | set(previous.values())
    stored = state.records_of(old_ids)
    members: dict[Any, list[PersonRecord]] = defaultdict(list)
    for group in touched:
        if group in person_of_group:
            members[group] = [
                r for r in stored.get(person_of_group[group], []) if r.key not in relink
            ]
    for i, record in enumerate(local):
        if record.key in relink:
            members[group_of[i]].append(record)
    claimed = {person_of_group[g] for g in touched if g in person_of_group}
    for person_id in sorted(set(previous.values()) - claimed):  # persons that lost records
        rest = [r for r in stored.get(person_id, []) if r.key not in relink]
        if rest:
            members[("rest", person_id)] = rest

    clusters = sorted(members.values(), key=lambda rs: anchor(r.key for r in rs))
    before = {r.key: r.person_id for rs in clusters for r in rs if r.key not in relink}
    before.update(previous)
    ids = assign_person_ids(
        [[r.key for r in rs] for rs in clusters], before, used=state.person_id_taken
    )
    changed: list[PersonRecord] = []
    persons = []
    for person_id, records in zip(ids, clusters, strict=True):
        for record in records:
            if record.key in arrived or record.person_id != person_id:
                record.person_id = person_id
                changed.append(record)
        persons.append(canonical_person(person_id, records))
    taken = set(ids)
    removed = sorted(old_ids - taken)
    new_persons = sum(1 for p in ids if p not in old_ids)
    grown = sum(
        1
        for p, records in zip(ids, clusters, strict=True)
        if p in old_ids and any(r.key in arrived for r in records)
    )
    fields = _changed_fields(state, persons)
    changes = StateChanges(
        records=changed,
        new_records=set(arrived),
        stored_before={r.key for r in changed if r.key not in relink or r.key in previous},
        persons=[p for p in persons if fields.get(p["person_id"], True)],  # as they were: left
        person_fields=fields,
        removed_persons=removed,
        incidents=[],
        cases=[],
        addresses=[],
        review=[],
    )
    return changes, new_persons, grown


def _changed_fields(state: ResolutionState, persons: list[PersonRow]) -> dict[str, list[str]]:
    """For each person the state holds already, the fields whose value the batch changed:
    most persons a batch grows gain a dispatch record and change only their counts, and
    the graph need not rewrite (and re-index) the rest."""
    stored = state.persons(p["person_id"] for p in persons)
    return {
        p["person_id"]: [
            k for k, v in p.items() if (v or None) != (stored[p["person_id"]].get(k) or None)
        ]
        for p in persons
        if p["person_id"] in stored
    }


def _bridges(resolution: Resolution, options: ResolveOptions) -> list[dict[str, Any]]:
    """A new record that matches a person other than its own as strongly as a link:
    the two persons may be one, for a human to decide."""
    records, new = resolution.records, resolution.relinked
    threshold = max(options.linking.link_threshold, options.review_band[1])
    rows = []
    for (a, b), s in zip(resolution.pairs.tolist(), resolution.scores.tolist(), strict=True):
        ra, rb = records[a], records[b]
        if s >= threshold and ra.person_id != rb.person_id and (a in new or b in new):
            rows.append(review_row(ra, rb, s, BRIDGE))
    return rows


def _alias_to_stored_flats(state: ResolutionState, prepared: Prepared) -> None:
    """A flat the batch writes without its district is the flat with its flat key (and
    city, if written) that names its district, stored or in the batch, as within one run
    (resolution.normalised.AddressBook.aliases)."""
    loose = [a for a in prepared.addresses if a.get("flat_key") and not a.get("district_key")]
    if not loose:
        return
    named: dict[str, dict[str, NamedFlat]] = defaultdict(dict)
    keys = {a["flat_key"] for a in loose}
    batch_flats = [a for a in prepared.addresses if a.get("flat_key") in keys]
    for flat in [*state.flats(keys), *batch_flats]:
        if flat.get("district_key"):
            named[flat["flat_key"]][flat["address_id"]] = NamedFlat(
                flat["address_id"], flat["district_key"], flat.get("city"), flat.get("levels") or 0
            )
    aliases = {}
    for address in loose:
        target = flat_named(address.get("city"), named[address["flat_key"]].values())
        if target is not None:
            aliases[address["address_id"]] = target
    if aliases:
        redirect(aliases, prepared.records, [*prepared.incidents, *prepared.cases])
        prepared.addresses = [a for a in prepared.addresses if a["address_id"] not in aliases]


def _better_addresses(
    state: ResolutionState, addresses: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The batch's addresses that are new, or that it spells more fully than the state."""
    stored = state.addresses(a["address_id"] for a in addresses)
    return [
        a
        for a in addresses
        if a["address_id"] not in stored or (a.get("levels") or 0) > stored[a["address_id"]][0]
    ]
