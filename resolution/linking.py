"""The three stages that turn scored record pairs into persons.

1. Registry records are deduplicated among themselves (hierarchical clustering).
2. Dispatch and case parties are linked, Gazetteer-style, to the best person
   already known (first through registry members, then through any member),
   when the best score clears the threshold and beats the runner-up person by
   a margin (in probability, or in log-odds when both are high); an ambiguous party is left for stage 3 and listed for review.
   Rounds through any member repeat until one links no one: evidence travels
   along chains (a registry person <- a party with a second phone <- a
   placeholder caller known only by that phone), one link per round.
3. Parties that matched no one are clustered among themselves into persons of
   their own. A placeholder with no other evidence shares no blocking key with
   anyone, so it stays alone.

Incremental runs enter with `settled` groups (the previous result's persons);
new records join them by the same stages, so untouched persons stay as they were.
A settled group that stage 3 formed (`open_groups`: persons with no registry
record) takes no party in stage 2, where a whole run has no such group yet; it is
clustered again with the new parties left for stage 3, as one whole run would
cluster them all together; a new party joins it when its cluster holds that
group's records and no other settled group's.
Human decisions win over scores throughout; `cannot_link` also carries pairs
that are different persons by construction (resolution.coparties).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from resolution.clustering import cluster, scores_array


@dataclass(frozen=True)
class LinkingConfig:
    cluster_threshold: float = 0.5
    link_threshold: float = 0.5
    link_margin: float = 0.15
    link_odds_margin: float = 2.0
    """Or, when both scores are high, a log-odds lead this large (about 7 to 1): a phone that
    agrees (0.99999) beats a namesake next door whose phone is unknown (0.87)."""
    link_rounds: int = 8  # at most; rounds stop as soon as one links no one
    # roles that never name one person within one incident or case (resolution.coparties)
    opposing_roles: tuple[tuple[str, str], ...] = (
        ("对方当事人", "报警人"),
        ("对方当事人", "当事人"),
    )


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
    open_groups: frozenset[int] = frozenset(),
) -> Linkage:
    """Assign every record in `new` to a group, keeping `settled` assignments."""
    linker = _Linker(sources, pairs, scores, settled, must_link, cannot_link, config, open_groups)
    registry_new = [i for i in new if sources[i] == "population"]
    parties_new = [i for i in new if sources[i] != "population"]

    # Stage 1: new registry records join a settled registry person, or cluster among themselves.
    linker.cluster(
        linker.link_round(registry_new, only_registry=True, stage="registry"), "registry"
    )
    # Stage 2: parties link to known persons, through registry members first.
    pending = parties_new
    for round_number in range(config.link_rounds):
        left = linker.link_round(pending, only_registry=round_number == 0, stage="linked")
        if round_number > 0 and len(left) == len(pending):
            break
        pending = left
    # Stage 3: the rest form persons of their own.
    linker.cluster(pending, "unmatched", reopen=True)
    assert set(new) <= linker.linkage.group_of.keys()
    linker.linkage.ambiguous = [(r, o, s) for r, (o, s) in sorted(linker.ambiguous.items())]
    return linker.linkage


class _Linker:
    def __init__(
        self, sources, pairs, scores, settled, must_link, cannot_link, config, open_groups
    ) -> None:
        self.sources, self.pairs, self.scores, self.config = sources, pairs, scores, config
        self.open_groups = open_groups
        self.must, self.cannot = must_link, cannot_link
        self.linkage = Linkage(
            dict(settled), {i: 1.0 for i in settled}, {i: "previous" for i in settled}
        )
        self.settled = dict(settled)
        self.next_group = max(settled.values(), default=-1) + 1
        self.neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for (a, b), s in zip(pairs.tolist(), scores.tolist(), strict=True):
            self.neighbours[a].append((b, s))
            self.neighbours[b].append((a, s))
        self.confirmed = _partners_of(must_link)
        self.rejected = _partners_of(cannot_link)
        self.ambiguous: dict[int, tuple[int, float]] = {}  # unlinked records' last close call

    def link_round(self, candidates: list[int], only_registry: bool, stage: str) -> list[int]:
        """Link each candidate to its best group; returns the ones left unlinked."""
        group_of = self.linkage.group_of
        pending, decided = [], {}
        for record in candidates:
            forbidden = {group_of[o] for o in self.rejected.get(record, ()) if o in group_of}
            confirmed = [group_of[o] for o in self.confirmed.get(record, ()) if o in group_of]
            if confirmed and confirmed[0] not in forbidden:
                decided[record] = (confirmed[0], 1.0)
                continue
            best: dict[int, tuple[float, int]] = {}  # group -> (best score, the member it was with)
            for other, score in self.neighbours.get(record, ()):
                group = group_of.get(other)
                if group is None or group in forbidden or group in self.open_groups:
                    continue  # an open group forms in stage 3, as in a whole run
                if only_registry and self.sources[other] != "population":
                    continue
                if score > best.get(group, (-1.0, -1))[0]:
                    best[group] = (score, other)
            ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
            if ranked and ranked[0][1][0] >= self.config.link_threshold:
                top_group, (top_score, top_member) = ranked[0]
                runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
                if top_score - runner_up >= self.config.link_margin or (
                    _log_odds(top_score) - _log_odds(runner_up) >= self.config.link_odds_margin
                ):
                    decided[record] = (top_group, top_score)
                    continue
                self.ambiguous[record] = (top_member, top_score)
            pending.append(record)
        for record, (group, score) in decided.items():  # after the round: order-independent
            self._assign(record, group, score, stage)
            self.ambiguous.pop(record, None)  # a later round settled it
        return pending

    def cluster(self, records: list[int], stage: str, reopen: bool = False) -> None:
        """Cluster records among themselves into new groups (a record alone is a group
        too), or, with `reopen`, with the settled records of open groups they were scored
        with."""
        reopened = {
            other
            for record in records
            for other, _ in self.neighbours.get(record, ())
            if reopen and self.settled.get(other, -1) in self.open_groups
        }
        members = set(records) | reopened
        if self.pairs.size:
            inside = np.isin(self.pairs[:, 0], list(members)) & np.isin(
                self.pairs[:, 1], list(members)
            )
            local_pairs, local_scores = self.pairs[inside], self.scores[inside]
        else:
            local_pairs, local_scores = self.pairs, self.scores
        local_pairs, local_scores = _holding_together(
            local_pairs, local_scores, reopened, self.settled
        )
        within = lambda decided: {p for p in decided if p[0] in members and p[1] in members}  # noqa: E731
        clusters = cluster(
            scores_array(local_pairs, local_scores),
            self.config.cluster_threshold,
            within(self.must),
            within(self.cannot),
        )
        for ids, confidences in clusters:
            joined = {self.settled[i] for i in ids if i in self.settled}
            group = joined.pop() if len(joined) == 1 else None
            fresh = [(i, c) for i, c in zip(ids, confidences, strict=True) if i not in self.settled]
            if group is None and len(fresh) < 2:
                continue  # alone, or only settled records: left as they are
            if group is None:
                group, self.next_group = self.next_group, self.next_group + 1
            for record, confidence in fresh:
                self._assign(record, group, confidence, stage)
        for record in sorted(members - self.linkage.group_of.keys()):
            self._assign(record, self.next_group, 1.0, stage)
            self.next_group += 1

    def _assign(self, record: int, group: int, score: float, stage: str) -> None:
        self.linkage.group_of[record] = group
        self.linkage.score_of[record] = score
        self.linkage.stage_of[record] = stage


def _holding_together(
    pairs: np.ndarray, scores: np.ndarray, reopened: set[int], settled: Mapping[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs, and every two reopened records of one settled group that no pair scores
    as certain: a batch scores the pairs its records and the reopened ones share, and a
    settled person stays whole."""
    by_group: dict[int, list[int]] = defaultdict(list)
    for record in sorted(reopened):
        by_group[settled[record]].append(record)
    scored = {(a, b) for a, b in pairs.tolist()} if pairs.size else set()
    extra = [
        (a, b)
        for members in by_group.values()
        for a, b in combinations(members, 2)
        if (a, b) not in scored and (b, a) not in scored
    ]
    if not extra:
        return pairs, scores
    extra_pairs = np.array(extra, dtype=pairs.dtype if pairs.size else np.int64)
    return (
        np.concatenate([pairs.reshape(-1, 2), extra_pairs]),
        np.concatenate([scores, np.ones(len(extra), dtype=scores.dtype if scores.size else float)]),
    )


def _log_odds(score: float) -> float:
    clipped = min(max(score, 1e-9), 1 - 1e-9)
    return math.log(clipped / (1 - clipped))


def _partners_of(decided_pairs: set[tuple[int, int]]) -> dict[int, list[int]]:
    partners: dict[int, list[int]] = defaultdict(list)
    for a, b in sorted(decided_pairs):
        partners[a].append(b)
        partners[b].append(a)
    return partners
