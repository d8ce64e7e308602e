// Where each person lives (LIVES_AT) and is registered (REGISTERED_AT); $kind filters.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
RETURN id, [(p)-[r:LIVES_AT|REGISTERED_AT]->(a:Address)
            WHERE $kind IS NULL OR type(r) = $kind | {kind: type(r), address: a {.*}}] AS items
