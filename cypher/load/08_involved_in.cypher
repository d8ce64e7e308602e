// Each person to the incident or case their record is a party of (INVOLVED_IN, keyed by
// the record, so one person in two roles has two). One writer: an incident's parties
// are different persons, whose transactions would otherwise contend for the incident.
UNWIND $rows AS row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
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
