// SAME_HOUSEHOLD between persons registered (户籍) at the same flat, flat by flat (rows:
// the result's flats, graph/loader.py), so that no transaction holds a county's pairs
// (1.5 million at 1,000,000 residents). load/11_stale_households runs first.
UNWIND $rows AS row
MATCH (flat:Address {addressId: row.addressId}) USING INDEX flat:Address(addressId)
MATCH (a:Person)-[:REGISTERED_AT]->(flat)<-[:REGISTERED_AT]-(b:Person)
WHERE a.personId < b.personId
MERGE (a)-[:SAME_HOUSEHOLD]->(b)
