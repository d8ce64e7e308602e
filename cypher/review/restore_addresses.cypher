// Undo of a decision: persons live and are registered where they were before it (a merge
// had given the survivor the absorbed person's addresses; a person merged away and made
// again had none).
UNWIND $rows AS row
MATCH (p:Person {personId: row.personId})
CALL (p, row) {
  MATCH (p)-[stale:LIVES_AT]->(x:Address) WHERE NOT x.addressId IN row.livesAt
  DELETE stale
}
CALL (p, row) {
  MATCH (p)-[stale:REGISTERED_AT]->(x:Address) WHERE NOT x.addressId IN row.registeredAt
  DELETE stale
}
CALL (p, row) {
  UNWIND row.livesAt AS id
  MATCH (x:Address {addressId: id})
  MERGE (p)-[:LIVES_AT]->(x)
}
CALL (p, row) {
  UNWIND row.registeredAt AS id
  MATCH (x:Address {addressId: id})
  MERGE (p)-[:REGISTERED_AT]->(x)
}
