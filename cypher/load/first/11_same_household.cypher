// SAME_HOUSEHOLD flat by flat, into an empty database (load/11_same_household otherwise).
UNWIND $rows AS row
MATCH (flat:Address {addressId: row.addressId}) USING INDEX flat:Address(addressId)
MATCH (a:Person)-[:REGISTERED_AT]->(flat)<-[:REGISTERED_AT]-(b:Person)
WHERE a.personId < b.personId
CREATE (a)-[:SAME_HOUSEHOLD]->(b)
