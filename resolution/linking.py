"""The three stages that turn scored record pairs into persons.

1. Registry records are deduplicated among themselves (hierarchical clustering).
2. Dispatch and case parties are linked, Gazetteer-style, to the best person
   already known (first through registry members, then through any member),
   when the best score clears the threshold and beats the runner-up person by
   a margin; an ambiguous party is left for stage 3 and listed for review.
3. Parties that matched no one are clustered among themselves into persons of
   their own. A placeholder with no other evidence shares no blocking key with
   anyone, so it stays alone.

Incremental runs enter with `settled` groups (the previous result's persons);
new records join them by the same stages, so untouched persons stay as they were.
Human decisions win over scores throughout.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from resolution.clustering import cluster, scores_array


@dataclass(frozen=True)
class LinkingConfig:
    cluster_threshold: float = 0.5
    link_threshold: float = 0.5
    link_margin: float = 0.15
    link_rounds: int = 2


@dataclass
class Linkage:
    group_of: dict[int, int]  # record index -> group number
    score_of: dict[int, float]  # record index -> confidence of its link
    stage_of: dict[int, str]
    ambiguous: list[tuple[int, int, float]] = field(
        default_factory=list
    )  # (record, best other, score)


def link_records(
    sources: Sequence[str],
    pairs: np.ndarray,
    scores: np.ndarray,
    new: Sequence[int],
    settled: Mapping[int, int],
    must_link: set[tuple[int, int]],
    cannot_link: set[tuple[int, int]],
    config: LinkingConfig = LinkingConfig(),
) -> Linkage:
    """Assign every record in `new` to a group, keeping `settled` assignments."""
    linkage = Linkage(dict(settled), {i: 1.0 for i in settled}, {i: "previous" for i in settled})
    next_group = max(settled.values(), default=-1) + 1
    new_set = set(new)
    neighbours = _neighbours(pairs, scores)

    registry_new = [i for i in new if sources[i] == "population"]
    parties_new = [i for i in new if sources[i] != "population"]

    # Stage 1: new registry records join a settled registry person, or cluster among themselves.
    pending = _link_round(
        registry_new,
        neighbours,
        linkage,
        sources,
        must_link,
        cannot_link,
        config,
        only_registry=True,
        stage="registry",
    )
    next_group = _cluster_into_groups(
        pending,
        pairs,
        scores,
        linkage,
        must_link,
        cannot_link,
        config,
        next_group,
        stage="registry",
    )
    # Stage 2: parties link to known persons, through registry members first.
    pending = parties_new
    for round_number in range(config.link_rounds):
        pending = _link_round(
            pending,
            neighbours,
            linkage,
            sources,
            must_link,
            cannot_link,
            config,
            only_registry=round_number == 0,
            stage="linked",
        )
    # Stage 3: the rest form persons of their own.
    _cluster_into_groups(
        pending,
        pairs,
        scores,
        linkage,
        must_link,
        cannot_link,
        config,
        next_group,
        stage="unmatched",
    )
    assert new_set <= linkage.group_of.keys()
    return linkage


def _neighbours(pairs: np.ndarray, scores: np.ndarray) -> dict[int, list[tuple[int, float]]]:
    result: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (a, b), s in zip(pairs.tolist(), scores.tolist(), strict=True):
        result[a].append((b, s))
        result[b].append((a, s))
    return result


def _link_round(
    candidates,
    neighbours,
    linkage,
    sources,
    must_link,
    cannot_link,
    config,
    only_registry: bool,
    stage: str,
) -> list[int]:
    """Link each candidate to its best group; returns the ones left unlinked."""
    pending = []
    decided: dict[int, tuple[int, float]] = {}
    for record in candidates:
        forbidden = {
            linkage.group_of[o] for o in _partners(record, cannot_link) if o in linkage.group_of
        }
        confirmed = [
            linkage.group_of[o] for o in _partners(record, must_link) if o in linkage.group_of
        ]
        if confirmed and confirmed[0] not in forbidden:
            decided[record] = (confirmed[0], 1.0)
            continue
        best: dict[int, tuple[float, int]] = {}  # group -> (best score, the member it was with)
        for other, score in neighbours.get(record, ()):
            group = linkage.group_of.get(other)
            if group is None or group in forbidden:
                continue
            if only_registry and sources[other] != "population":
                continue
            if score > best.get(group, (-1.0, -1))[0]:
                best[group] = (score, other)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        if ranked and ranked[0][1][0] >= config.link_threshold:
            top_group, (top_score, top_member) = ranked[0]
            runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
            if top_score - runner_up >= config.link_margin:
                decided[record] = (top_group, top_score)
                continue
            linkage.ambiguous.append((record, top_member, top_score))
        pending.append(record)
    for record, (group, score) in decided.items():  # after the round: order-independent
        linkage.group_of[record] = group
        linkage.score_of[record] = score
        linkage.stage_of[record] = stage
    return pending


def _partners(record: int, decided_pairs: set[tuple[int, int]]) -> list[int]:
    return [b if a == record else a for a, b in decided_pairs if record in (a, b)]


def _cluster_into_groups(
    records, pairs, scores, linkage, must_link, cannot_link, config, next_group: int, stage: str
) -> int:
    members = set(records)
    if pairs.size:
        inside = np.isin(pairs[:, 0], list(members)) & np.isin(pairs[:, 1], list(members))
        local_pairs, local_scores = pairs[inside], scores[inside]
    else:
        local_pairs, local_scores = pairs, scores
    within = lambda decided: {p for p in decided if p[0] in members and p[1] in members}  # noqa: E731
    clusters = cluster(
        scores_array(local_pairs, local_scores),
        config.cluster_threshold,
        within(must_link),
        within(cannot_link),
    )
    for ids, confidences in clusters:
        for record, confidence in zip(ids, confidences, strict=True):
            linkage.group_of[record] = next_group
            linkage.score_of[record] = confidence
            linkage.stage_of[record] = stage
        next_group += 1
    for record in sorted(members - linkage.group_of.keys()):
        linkage.group_of[record] = next_group
        linkage.score_of[record] = 1.0
        linkage.stage_of[record] = stage
        next_group += 1
    return next_group
