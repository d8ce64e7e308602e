// Where each person is registered, into an empty database (load/06_registered_at otherwise).
UNWIND $rows AS row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
MATCH (a:Address {addressId: row.addressId}) USING INDEX a:Address(addressId)
CREATE (p)-[:REGISTERED_AT]->(a)
