// Resolved persons with their canonical attributes, and where they live and are registered.
// An address relationship is replaced only when the address changed (found as in
// 02_incidents), so that loading the same result again writes nothing.
UNWIND $rows AS row
MERGE (p:Person {personId: row.personId})
SET p += row.props
WITH p, row,
     [(p)-[old:LIVES_AT]->(a) WHERE a.addressId <> coalesce(row.residenceAddressId, '') | old] +
     [(p)-[old:REGISTERED_AT]->(a) WHERE a.addressId <> coalesce(row.householdAddressId, '') | old]
     AS stale
FOREACH (old IN stale | DELETE old)
WITH p, row
CALL (p, row) {
  MATCH (a:Address {addressId: row.residenceAddressId}) USING INDEX a:Address(addressId)
  MERGE (p)-[:LIVES_AT]->(a)
}
CALL (p, row) {
  MATCH (a:Address {addressId: row.householdAddressId}) USING INDEX a:Address(addressId)
  MERGE (p)-[:REGISTERED_AT]->(a)
}
