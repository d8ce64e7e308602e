// Repeat-dispute networks, their members and the places their disputes happen.
UNWIND $rows AS row
MERGE (n:DisputeNetwork {networkId: row.networkId})
SET n += row.props
WITH n, row
CALL (n, row) {
  UNWIND row.persons AS personId
  MATCH (p:Person {personId: personId})
  MERGE (p)-[:MEMBER_OF]->(n)
}
CALL (n, row) {
  UNWIND row.addresses AS addressId
  MATCH (a:Address {addressId: addressId})
  MERGE (n)-[:CENTRED_AT]->(a)
}
CALL (n, row) {
  UNWIND row.incidents AS incidentId
  MATCH (i:Incident {incidentId: incidentId})
  MERGE (i)-[:IN_NETWORK]->(n)
}
