// 110 incidents (警情) and where they happened; a changed address replaces the old one.
// The stale relationship is found by a pattern comprehension from the incident: on a
// fresh graph (no OCCURRED_AT yet) a MATCH was planned as a scan of every Address.
// The loader splits these rows between its writers by address: no two transactions lock
// one address.
UNWIND $rows AS row
MERGE (i:Incident {incidentId: row.incidentId})
SET i += row.props
WITH i, row,
     [(i)-[old:OCCURRED_AT]->(a) WHERE a.addressId <> coalesce(row.addressId, '') | old] AS stale
FOREACH (old IN stale | DELETE old)
WITH i, row
CALL (i, row) {
  MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
  MERGE (i)-[:OCCURRED_AT]->(a)
}
