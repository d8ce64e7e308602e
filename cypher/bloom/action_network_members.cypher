// Scene action on repeat-dispute networks: their members and the places they are centred at.
MATCH (n:DisputeNetwork)<-[m:MEMBER_OF]-(p:Person)
WHERE elementId(n) IN $nodes
OPTIONAL MATCH (n)-[c:CENTRED_AT]->(a:Address)
RETURN n, m, p, c, a
