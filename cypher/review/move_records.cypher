// A human decision moves records to a person (created if new): each record takes its
// RESOLVED_FROM and its INVOLVED_IN relationships (found by recordKey) along.
MERGE (to:Person {personId: $personId})
WITH to
UNWIND $records AS row
MATCH (r:SourceRecord {source: row.source, recordId: row.recordId})
CALL (to, r) {
  MATCH (old:Person)-[stale:RESOLVED_FROM]->(r) WHERE old <> to
  DELETE stale
}
CALL (to, row) {
  MATCH (old:Person)-[role:INVOLVED_IN {recordKey: row.key}]->(target) WHERE old <> to
  MERGE (to)-[moved:INVOLVED_IN {recordKey: row.key}]->(target)
  SET moved.role = role.role
  DELETE role
}
MERGE (to)-[link:RESOLVED_FROM]->(r)
SET link.score = 1.0, link.evidence = $evidence
