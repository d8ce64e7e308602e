// Resolved persons with their canonical attributes, and where they live and are registered.
UNWIND $rows AS row
MERGE (p:Person {personId: row.personId})
SET p += row.props
WITH p, row
OPTIONAL MATCH (p)-[old:LIVES_AT|REGISTERED_AT]->(:Address)
DELETE old
WITH DISTINCT p, row
CALL (p, row) {
  MATCH (a:Address {addressId: row.residenceAddressId})
  MERGE (p)-[:LIVES_AT]->(a)
}
WITH p, row
CALL (p, row) {
  MATCH (a:Address {addressId: row.householdAddressId})
  MERGE (p)-[:REGISTERED_AT]->(a)
}
