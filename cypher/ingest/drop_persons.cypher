// Persons a batch left without any source record (their records moved to another).
UNWIND $ids AS id
MATCH (p:Person {personId: id}) USING INDEX p:Person(personId)
WHERE NOT (p)-[:RESOLVED_FROM]->()
DETACH DELETE p
