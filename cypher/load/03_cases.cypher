// Cases (案件), where they happened (a changed address replaces the old one, found as in
// 02_incidents), and the incident each escalated from. Split between the writers by
// address, as 02_incidents (an incident escalates to one case).
UNWIND $rows AS row
MERGE (c:Case {caseId: row.caseId})
SET c += row.props
WITH c, row,
     [(c)-[old:OCCURRED_AT]->(a) WHERE a.addressId <> coalesce(row.addressId, '') | old] AS stale
FOREACH (old IN stale | DELETE old)
WITH c, row
CALL (c, row) {
  MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
  MERGE (c)-[:OCCURRED_AT]->(a)
}
CALL (c, row) {
  MATCH (i:Incident {incidentId: row.sourceIncidentId}) USING INDEX i:Incident(incidentId)
  MERGE (i)-[:ESCALATED_TO]->(c)
}
