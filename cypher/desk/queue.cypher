// The review desk's queue: what needs a human, with what deciding it touches. Two kinds:
// review candidates (two persons that may be one: uncertain scores, parties two persons
// match about equally, persons a batch would merge; by their likeliest record pair), and
// records merged into their person on a score in the review band [$low, $high). Filtered
// by district (where either person lives or is registered), source (a platform either
// person has records from) and score; ranked by impact: the incidents, disputes and
// networks of the persons the decision changes.
CALL () {
  MATCH (pa:Person)-[s:POSSIBLY_SAME_AS]->(pb:Person)
  RETURN 'candidate' AS kind, s.recordA AS a, s.recordB AS b, [pa, pb] AS persons,
         s.score AS score, s.reason AS reason, null AS evidence
  UNION ALL
  MATCH (p:Person)-[link:RESOLVED_FROM]->(r:SourceRecord)
  WHERE link.score >= $low AND link.score < $high AND link.evidence IS NOT NULL
  RETURN 'merged' AS kind, null AS a, r.source + ':' + r.recordId AS b, [p] AS persons,
         link.score AS score, 'merged on an uncertain score' AS reason, link.evidence AS evidence
}
WITH kind, a, b, persons, score, reason, evidence,
     CASE kind WHEN 'candidate' THEN a + '|' + b ELSE b END AS id
WHERE NOT id IN $skipped
  AND ($minScore IS NULL OR score >= $minScore)
  AND ($maxScore IS NULL OR score <= $maxScore)
  AND ($source IS NULL OR any(p IN persons WHERE p.sources CONTAINS $source + ':'))
CALL (persons) {
  UNWIND persons AS p
  OPTIONAL MATCH (p)-[:LIVES_AT|REGISTERED_AT]->(home:Address)
  RETURN collect(DISTINCT home.district) AS districts
}
WITH * WHERE $district IS NULL OR $district IN districts
CALL (persons) {
  UNWIND persons AS p
  OPTIONAL MATCH (p)-[:INVOLVED_IN]->(i:Incident)
  OPTIONAL MATCH (i)-[:PART_OF]->(d:Dispute)
  RETURN count(DISTINCT i) AS incidents, count(DISTINCT d) AS disputes
}
CALL (persons) {
  UNWIND persons AS p
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(n:DisputeNetwork)
  RETURN count(DISTINCT n) AS networks
}
WITH id, kind, a, b, [p IN persons | p.personId] AS personIds,
     [p IN persons | p.sources] AS sources, score, reason, evidence,
     districts, incidents, disputes, networks, incidents + disputes + networks AS impact
ORDER BY impact DESC, score DESC, id
WITH collect({id: id, kind: kind, a: a, b: b, persons: personIds, sources: sources,
              score: score,
              reason: reason, evidence: evidence, districts: districts,
              incidents: incidents, disputes: disputes, networks: networks,
              impact: impact}) AS items
RETURN size(items) AS total, items[0..$first] AS items
