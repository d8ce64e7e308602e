// The source records each person was resolved from, with the evidence of the merge.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[link:RESOLVED_FROM]->(r:SourceRecord)
  WITH r, link ORDER BY r.source, r.recordId
  RETURN collect({record: r {.*}, score: link.score, evidence: link.evidence}) AS items
}
RETURN id, items
