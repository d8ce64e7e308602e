// One SourceRecord per input row, linked to the person it resolved to. A record
// that moved to another person (a merge or split on re-resolution) takes its
// RESOLVED_FROM and INVOLVED_IN relationships along: the old ones are removed.
UNWIND $rows AS row
MERGE (r:SourceRecord {source: row.source, recordId: row.recordId})
SET r += row.props
WITH r, row
MATCH (p:Person {personId: row.personId})
OPTIONAL MATCH (other:Person)-[stale:RESOLVED_FROM]->(r) WHERE other <> p
DELETE stale
WITH DISTINCT r, row, p
OPTIONAL MATCH (other:Person)-[staleRole:INVOLVED_IN {recordKey: row.recordKey}]->() WHERE other <> p
DELETE staleRole
WITH DISTINCT r, row, p
MERGE (p)-[link:RESOLVED_FROM]->(r)
SET link.score = row.score, link.evidence = row.evidence
WITH r, row, p
CALL (p, row) {
  MATCH (incident:Incident {incidentId: row.incidentId})
  MERGE (p)-[involved:INVOLVED_IN {recordKey: row.recordKey}]->(incident)
  SET involved.role = row.role
}
CALL (p, row) {
  MATCH (case:Case {caseId: row.caseId})
  MERGE (p)-[involved:INVOLVED_IN {recordKey: row.recordKey}]->(case)
  SET involved.role = row.role
}
