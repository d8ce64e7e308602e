// Scene action on persons: where they live and are registered, and their household (同户).
MATCH (p:Person)-[r:LIVES_AT|REGISTERED_AT]->(a:Address)
WHERE elementId(p) IN $nodes
OPTIONAL MATCH (p)-[h:SAME_HOUSEHOLD]-(member:Person)
RETURN p, r, a, h, member
