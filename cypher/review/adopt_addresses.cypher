// When persons merge, the survivor takes over where the absorbed one lives and is
// registered, unless it already has an address of that kind.
MATCH (from:Person {personId: $from}), (to:Person {personId: $to})
CALL (from, to) {
  MATCH (from)-[:LIVES_AT]->(a:Address) WHERE NOT EXISTS { (to)-[:LIVES_AT]->() }
  MERGE (to)-[:LIVES_AT]->(a)
}
CALL (from, to) {
  MATCH (from)-[:REGISTERED_AT]->(a:Address) WHERE NOT EXISTS { (to)-[:REGISTERED_AT]->() }
  MERGE (to)-[:REGISTERED_AT]->(a)
}
