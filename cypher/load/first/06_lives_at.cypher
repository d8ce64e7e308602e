// Where each person lives, into an empty database (load/06_lives_at otherwise).
UNWIND $rows AS row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
CREATE (p)-[:LIVES_AT]->(a)
