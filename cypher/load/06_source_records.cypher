// One SourceRecord per input row, linked to the person it resolved to, and that person to
// the incident or case the record is a party of (INVOLVED_IN, keyed by the record).
// A record that moved to another person was unlinked from the old one by 06_moved_records.
UNWIND $rows AS row
MERGE (r:SourceRecord {source: row.source, recordId: row.recordId})
SET r += row.props
WITH r, row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
MERGE (p)-[link:RESOLVED_FROM]->(r)
SET link.score = row.score, link.evidence = row.evidence
WITH p, row
CALL (p, row) {
  MATCH (incident:Incident {incidentId: row.incidentId}) USING INDEX incident:Incident(incidentId)
  MERGE (p)-[involved:INVOLVED_IN {recordKey: row.recordKey}]->(incident)
  SET involved.role = row.role
}
CALL (p, row) {
  MATCH (case:Case {caseId: row.caseId}) USING INDEX case:Case(caseId)
  MERGE (p)-[involved:INVOLVED_IN {recordKey: row.recordKey}]->(case)
  SET involved.role = row.role
}
