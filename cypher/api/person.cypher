// Persons by id, in one round trip (a DataLoader batches the ids of a request); those
// outside the caller's $districts (null: everywhere) are not found.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
WHERE ($districts IS NULL
       OR EXISTS { (p)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (p)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
RETURN id, [p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
               .recordCount, .sources}] AS items
