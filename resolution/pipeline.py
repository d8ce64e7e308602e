"""`resolve`: platform exports in, persons out (see docs/resolve-output.md).

read -> normalise -> block -> score (Dedupe) -> link in three stages ->
stable ids -> explanations -> outputs. With `previous`, the earlier result's
records and persons are carried over and only the new rows are linked in.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from resolution import decisions as human
from resolution.blocking import BlockingConfig, pairs_of
from resolution.context import ContextLink, link_in_context
from resolution.coparties import opposing_pairs
from resolution.explain import Explainer
from resolution.ids import anchor, assign_person_ids
from resolution.linking import Linkage, LinkingConfig, link_records
from resolution.model.store import SHIPPED_TRAINING, load_or_train
from resolution.outputs import (
    LINK_COLUMNS,
    PERSON_COLUMNS,
    REVIEW_COLUMNS,
    read_jsonl,
    write_csv,
    write_json,
    write_jsonl,
)
from resolution.prepare import Prepared, prepare
from resolution.progress import Progress
from resolution.record import PersonRecord, record_from_json
from resolution.scoring import score_pairs
from resolution.sources import read_exports, write_quarantine
from resolution.stages import Stages
from resolution.survivorship import canonical_person

EXPLAINED_AT_ONCE = 10_000  # records whose evidence is worked out (and held) at a time


@dataclass(frozen=True)
class ResolveOptions:
    models_dir: Path
    training_file: Path = SHIPPED_TRAINING
    retrain: bool = False
    decisions_file: Path | None = None
    mapping_file: Path | None = None
    previous: Path | None = None
    blocking: BlockingConfig = BlockingConfig()
    linking: LinkingConfig = LinkingConfig()
    review_band: tuple[float, float] = (0.2, 0.8)
    num_cores: int = 2


@dataclass
class ResolveSummary:
    out_dir: Path
    rows_read: int
    rows_quarantined: int
    records: int
    persons: int
    pairs_scored: int
    model_version: str
    timings: dict[str, float] = field(default_factory=dict)
    peak_mib: dict[str, float] = field(default_factory=dict)
    """Per stage, the process's peak resident memory during it (resolution.stages)."""
    cpu_seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Resolution:
    """Every record with its person, and what decided it."""

    records: list[PersonRecord]
    pairs: np.ndarray
    scores: np.ndarray
    linkage: Linkage
    clusters: list[list[str]]  # record keys per person
    person_ids: list[str]
    relinked: set[int]  # records linked in this run (the others kept their previous person)
    context: list[ContextLink] = field(default_factory=list)
    """Links made from the incident's place and caller (resolution.context)."""


def resolve(
    input_dir: Path, out_dir: Path, options: ResolveOptions, progress: Progress | None = None
) -> ResolveSummary:
    progress = progress or Progress()
    timed = Stages()
    # Millions of long-lived objects and no cycles: the cyclic GC stays off while they are
    # made, then they are frozen so that it never rescans them (resolution.prepare).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with timed("read_and_normalise"):
            exports = read_exports(input_dir, options.mapping_file)
            prepared = prepare(exports, progress)
        previous_records, previous_ids = _previous(options.previous)
        if options.previous:
            _carry_over_events(prepared, options.previous)
        records = previous_records + [r for r in prepared.records if r.key not in previous_ids]
        gc.freeze()
        if collecting:
            gc.enable()
        with timed("model"):
            model = load_or_train(
                options.models_dir, options.training_file, options.retrain, options.num_cores
            )
        resolution = _resolve_records(records, previous_records, model, options, progress, timed)
        with timed("write"):
            counts = _write(
                out_dir, resolution, prepared, exports, options, Explainer(model.matcher)
            )
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
    report = _report(exports, resolution, model.version, timed, counts)
    write_json(out_dir / "report.json", report)
    return ResolveSummary(
        out_dir,
        report["rows"]["read"],
        report["rows"]["quarantined"],
        len(records),
        len(resolution.clusters),
        len(resolution.pairs),
        model.version,
        dict(timed.seconds),
        dict(timed.peak_mib),
        dict(timed.cpu_seconds),
    )


def _resolve_records(
    records: list[PersonRecord],
    previous_records: list[PersonRecord],
    model,
    options: ResolveOptions,
    progress: Progress,
    timed: Stages,
) -> Resolution:
    """Decisions, blocking, scoring, the three linking stages and stable ids."""
    previous_ids = {r.key: r.person_id for r in previous_records}
    key_index = {r.key: i for i, r in enumerate(records)}
    decided = human.load(options.decisions_file)
    must = indexed_pairs(decided.must_link, key_index)
    cannot = indexed_pairs(decided.cannot_link, key_index)
    settled = _release_contradicted(_settled_groups(records, previous_ids), must, cannot)
    new = [i for i in range(len(records)) if i not in settled]

    with timed("block"):
        stage = progress.stage("block", len(records), "records")
        pairs = pairs_of(((i, r.model) for i, r in enumerate(records)), options.blocking)
        stage.advance(len(records))
        pairs = touching(pairs, set(new)) if len(new) < len(records) else pairs
        pairs = with_decided(pairs, must)
        stage.finish()
    with timed("score"):
        stage = progress.stage("score", len(pairs), "pairs")
        scores = score_pairs(model.matcher, [r.model for r in records], pairs, stage.advance)
        stage.finish()
    with timed("link"):
        stage = progress.stage("link", len(new), "records")
        sources = [r.source for r in records]
        apart = opposing_pairs(records, options.linking.opposing_roles) - must
        linkage = link_records(
            sources, pairs, scores, new, settled, must, cannot | apart, options.linking
        )
        context = link_in_context(records, linkage, new, cannot | apart)
        stage.advance(len(new))
        clusters, person_ids = _persons(records, linkage, previous_ids)
        stage.finish()
    previous_scores = {r.key: r.score for r in previous_records}
    person_of = {
        key: pid for members, pid in zip(clusters, person_ids, strict=True) for key in members
    }
    for i, record in enumerate(records):
        record.person_id = person_of[record.key]
        record.score = previous_scores.get(record.key) if i in settled else linkage.score_of[i]
    return Resolution(records, pairs, scores, linkage, clusters, person_ids, set(new), context)


def _persons(records, linkage: Linkage, previous_ids: dict[str, str]):
    groups: dict[int, list[int]] = defaultdict(list)
    for record, group in linkage.group_of.items():
        groups[group].append(record)
    clusters = sorted(
        ([records[i].key for i in members] for members in groups.values()), key=anchor
    )
    return clusters, assign_person_ids(clusters, previous_ids)


def _previous(previous: Path | None) -> tuple[list[PersonRecord], dict[str, str]]:
    if previous is None:
        return [], {}
    records = [record_from_json(row) for row in read_jsonl(previous / "records.jsonl")]
    return records, {r.key: r.person_id for r in records}


def _carry_over_events(prepared: Prepared, previous: Path) -> None:
    """A batch holds only its own incidents, cases and addresses: keep the earlier ones too,
    so that a result stays self-contained (the batch's version of a row wins)."""
    for attribute, file, key in (
        ("incidents", "incidents.jsonl", "incident_id"),
        ("cases", "cases.jsonl", "case_id"),
        ("addresses", "addresses.jsonl", "address_id"),
    ):
        current = getattr(prepared, attribute)
        seen = {row[key] for row in current}
        earlier = [row for row in read_jsonl(previous / file) if row[key] not in seen]
        setattr(prepared, attribute, earlier + current)


def _settled_groups(records: list[PersonRecord], previous_ids: dict[str, str]) -> dict[int, int]:
    numbers: dict[str, int] = {}
    return {
        i: numbers.setdefault(previous_ids[r.key], len(numbers))
        for i, r in enumerate(records)
        if r.key in previous_ids
    }


def indexed_pairs(pairs, key_index: dict[str, int]) -> set[tuple[int, int]]:
    out = set()
    for a, b in pairs:
        if a in key_index and b in key_index:
            i, j = key_index[a], key_index[b]
            out.add((min(i, j), max(i, j)))
    return out


def _release_contradicted(settled: dict[int, int], must, cannot) -> dict[int, int]:
    """Previous persons that a human decision now contradicts are re-resolved."""
    broken = {
        settled[a] for a, b in cannot if a in settled and b in settled and settled[a] == settled[b]
    }
    broken |= {
        settled[a] for a, b in must if a in settled and b in settled and settled[a] != settled[b]
    }
    broken |= {
        settled[b] for a, b in must if a in settled and b in settled and settled[a] != settled[b]
    }
    return {i: g for i, g in settled.items() if g not in broken}


def touching(pairs: np.ndarray, new: set[int], within: set[int] = frozenset()) -> np.ndarray:
    """The pairs with a record in `new`, and those with both records in `within`."""
    if not len(pairs):
        return pairs
    members, inside = list(new), list(within)
    keep = np.isin(pairs[:, 0], members) | np.isin(pairs[:, 1], members)
    if inside:
        keep |= np.isin(pairs[:, 0], inside) & np.isin(pairs[:, 1], inside)
    return pairs[keep]


def with_decided(pairs: np.ndarray, must: set[tuple[int, int]]) -> np.ndarray:
    if not must:
        return pairs
    extra = np.array(sorted(must), dtype=np.int64).reshape(-1, 2)
    return np.unique(np.concatenate([pairs.reshape(-1, 2), extra]), axis=0)


def explain_links(resolution: Resolution, explainer: Explainer) -> None:
    """Each record linked in this run gets its evidence (`explanations`)."""
    for index, evidence in explanations(resolution, explainer):
        resolution.records[index].evidence = evidence


def explanations(resolution: Resolution, explainer: Explainer) -> Iterator[tuple[int, dict]]:
    """Each record linked in this run, in record order, with its evidence: its
    best-scoring partner within its person, or the context that put it there. Made
    EXPLAINED_AT_ONCE at a time, so that a run's writer holds those, not all (at 1,000,000
    persons all of them were about 600 MiB of the write stage's peak)."""
    records, new = resolution.records, resolution.relinked
    best: dict[int, tuple[float, int]] = {}
    for (a, b), s in zip(resolution.pairs.tolist(), resolution.scores.tolist(), strict=True):
        if records[a].person_id != records[b].person_id:
            continue
        for x, y in ((a, b), (b, a)):
            if x in new and s > best.get(x, (-1.0, -1))[0]:
                best[x] = (s, y)
    # the context, not a pair's fields, put these records here
    context = {link.record: link for link in resolution.context}
    explained = sorted(best.keys() | context.keys())
    for start in range(0, len(explained), EXPLAINED_AT_ONCE):
        chunk = explained[start : start + EXPLAINED_AT_ONCE]
        partner = [best[x][1] if x not in context else context[x].joined for x in chunk]
        evidences = explainer.explain_all(
            [(records[x].model, records[y].model) for x, y in zip(chunk, partner, strict=True)]
        )
        for x, y, evidence in zip(chunk, partner, evidences, strict=True):
            evidence["matched_with"] = records[y].key
            link = context.get(x)
            evidence.update(_why(link) if link else {"score": round(float(best[x][0]), 4)})
            yield x, evidence


def _why(link: ContextLink) -> dict[str, Any]:
    """The evidence of a record the context placed: the reason, and the context itself."""
    return {
        "reason": link.reason,
        "context": {"kind": link.kind, "level": link.level, "incidents": link.incidents},
    }


def _record_rows(
    records: list[PersonRecord], explained: Iterator[tuple[int, dict]]
) -> Iterator[dict[str, Any]]:
    """records.jsonl's rows: each record, with its evidence from this run where it has one."""
    pending = next(explained, None)
    for index, record in enumerate(records):
        row = record.to_json()
        if pending is not None and pending[0] == index:
            row["evidence"] = pending[1]
            pending = next(explained, None)
        yield row


def _write(
    out_dir: Path,
    resolution: Resolution,
    prepared: Prepared,
    exports,
    options: ResolveOptions,
    explainer: Explainer,
) -> dict[str, int]:
    records, clusters, person_ids = resolution.records, resolution.clusters, resolution.person_ids
    out_dir.mkdir(parents=True, exist_ok=True)
    links = (
        {
            "source": r.source,
            "record_id": r.record_id,
            "person_id": r.person_id,
            "score": f"{r.score:.4f}",
        }
        for r in records
    )
    by_key = {r.key: r for r in records}
    persons = (
        canonical_person(pid, [by_key[k] for k in members])
        for members, pid in zip(clusters, person_ids, strict=True)
    )
    counts = {
        "links": write_csv(out_dir / "links.csv", LINK_COLUMNS, links),
        "persons": write_csv(out_dir / "persons.csv", PERSON_COLUMNS, persons),
        "records": write_jsonl(
            out_dir / "records.jsonl", _record_rows(records, explanations(resolution, explainer))
        ),
        "incidents": write_jsonl(out_dir / "incidents.jsonl", prepared.incidents),
        "cases": write_jsonl(out_dir / "cases.jsonl", prepared.cases),
        "addresses": write_jsonl(out_dir / "addresses.jsonl", prepared.addresses),
        "review": write_csv(
            out_dir / "review.csv",
            REVIEW_COLUMNS,
            review_rows(resolution, options.review_band),
        ),
    }
    counts["quarantine"] = write_quarantine(out_dir / "quarantine.csv", exports.quarantined)
    return counts


def review_rows(resolution: Resolution, band: tuple[float, float]):
    low, high = band
    records = resolution.records
    pairs, scores = resolution.pairs.tolist(), resolution.scores.tolist()
    for (a, b), s in zip(pairs, scores, strict=True):
        if low <= s < high and records[a].person_id != records[b].person_id:
            yield review_row(records[a], records[b], s, "uncertain score")
    for record, other, s in resolution.linkage.ambiguous:
        yield review_row(
            records[record], records[other], s, "ambiguous: two persons match about as well"
        )


def review_row(a: PersonRecord, b: PersonRecord, score: float, reason: str) -> dict:
    return {
        "source_a": a.source,
        "record_a": a.record_id,
        "person_a": a.person_id,
        "source_b": b.source,
        "record_b": b.record_id,
        "person_b": b.person_id,
        "score": f"{score:.4f}",
        "reason": reason,
    }


def _report(exports, resolution: Resolution, model_version: str, timed: Stages, counts) -> dict:
    records, clusters, person_ids = resolution.records, resolution.clusters, resolution.person_ids
    sizes = Counter(len(members) for members in clusters)
    largest = sorted(zip(clusters, person_ids, strict=True), key=lambda c: -len(c[0]))[:10]
    return {
        "rows": {
            "read": exports.rows_read,
            "accepted": exports.rows_accepted,
            "quarantined": exports.rows_quarantined,
            "per_file": exports.counts(),
        },
        "records": {"total": len(records), "per_source": dict(Counter(r.source for r in records))},
        "stages": dict(Counter(resolution.linkage.stage_of.values())),
        "pairs_scored": len(resolution.pairs),
        "persons": len(clusters),
        "cluster_sizes": {str(k): sizes[k] for k in sorted(sizes)},
        "largest_clusters": [
            {"person_id": pid, "records": len(members)} for members, pid in largest
        ],
        "files": counts,
        "model_version": model_version,
        "timings_s": {k: round(v, 2) for k, v in timed.seconds.items()},
        "cpu_s": {k: round(v, 2) for k, v in timed.cpu_seconds.items()},
        "peak_mib": {k: round(v) for k, v in timed.peak_mib.items()},
    }
