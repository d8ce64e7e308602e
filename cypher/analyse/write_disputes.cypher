// Dispute threads: incidents about the same matter, and the people party to them.
UNWIND $rows AS row
MERGE (d:Dispute {disputeId: row.disputeId})
SET d += row.props
WITH d, row
CALL (d, row) {
  UNWIND row.incidents AS incidentId
  MATCH (i:Incident {incidentId: incidentId})
  MERGE (i)-[:PART_OF]->(d)
}
CALL (d, row) {
  UNWIND row.persons AS personId
  MATCH (p:Person {personId: personId})
  MERGE (p)-[:PARTY_TO]->(d)
}
