// Cases (案件), where they happened, and the incident each escalated from.
UNWIND $rows AS row
MERGE (c:Case {caseId: row.caseId})
SET c += row.props
WITH c, row
CALL (c, row) {
  MATCH (a:Address {addressId: row.addressId})
  MERGE (c)-[:OCCURRED_AT]->(a)
}
WITH c, row
CALL (c, row) {
  MATCH (i:Incident {incidentId: row.sourceIncidentId})
  MERGE (i)-[:ESCALATED_TO]->(c)
}
