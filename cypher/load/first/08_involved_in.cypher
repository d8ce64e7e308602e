// Each person to the incident or case of their record, into an empty database
// (load/08_involved_in otherwise).
UNWIND $rows AS row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
CALL (p, row) {
  MATCH (incident:Incident {incidentId: row.incidentId}) USING INDEX incident:Incident(incidentId)
  CREATE (p)-[:INVOLVED_IN {recordKey: row.recordKey, role: row.role}]->(incident)
}
CALL (p, row) {
  MATCH (case:Case {caseId: row.caseId}) USING INDEX case:Case(caseId)
  CREATE (p)-[:INVOLVED_IN {recordKey: row.recordKey, role: row.role}]->(case)
}
