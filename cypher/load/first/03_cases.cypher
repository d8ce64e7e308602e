// Cases, where they happened and the incident each escalated from, into an empty
// database (load/03_cases otherwise).
UNWIND $rows AS row
CREATE (c:Case {caseId: row.caseId})
SET c += row.props
WITH c, row
CALL (c, row) {
  MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
  CREATE (c)-[:OCCURRED_AT]->(a)
}
CALL (c, row) {
  MATCH (i:Incident {incidentId: row.sourceIncidentId}) USING INDEX i:Incident(incidentId)
  CREATE (i)-[:ESCALATED_TO]->(c)
}
