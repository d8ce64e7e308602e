// Incidents and where they happened, into an empty database (load/02_incidents otherwise).
UNWIND $rows AS row
CREATE (i:Incident {incidentId: row.incidentId})
SET i += row.props
WITH i, row
CALL (i, row) {
  MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
  CREATE (i)-[:OCCURRED_AT]->(a)
}
