// Where each person lives. A relationship is replaced only when the address changed, so
// that loading the same result again writes nothing; the stale one is found by a pattern
// comprehension from the person (on a fresh graph a MATCH was planned as a scan of every
// Address). The loader splits these rows between its writers by address: each person has
// one row, so no two transactions lock the same person or the same address.
UNWIND $rows AS row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
WITH p, row,
     [(p)-[old:LIVES_AT]->(a) WHERE a.addressId <> coalesce(row.addressId, '') | old] AS stale
FOREACH (old IN stale | DELETE old)
WITH p, row
MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
MERGE (p)-[:LIVES_AT]->(a)
