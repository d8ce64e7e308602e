// Search phrase: who else lives, or is registered, at the addresses of the people named $name.
MATCH (p:Person {name: $name})-[:LIVES_AT|REGISTERED_AT]->(a:Address)
MATCH (a)<-[l:LIVES_AT|REGISTERED_AT]-(other:Person)
RETURN a, l, other
