// Where each person is registered (户籍), written as 06_lives_at.
UNWIND $rows AS row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
WITH p, row,
     [(p)-[old:REGISTERED_AT]->(a) WHERE a.addressId <> coalesce(row.addressId, '') | old] AS stale
FOREACH (old IN stale | DELETE old)
WITH p, row
MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
MERGE (p)-[:REGISTERED_AT]->(a)
