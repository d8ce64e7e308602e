// Where each person lives (LIVES_AT) and is registered (REGISTERED_AT); $kind filters;
// addresses outside the caller's $districts are left out.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
RETURN id, [(p)-[r:LIVES_AT|REGISTERED_AT]->(a:Address)
            WHERE ($kind IS NULL OR type(r) = $kind) AND ($districts IS NULL OR a.district IN $districts)
            | {kind: type(r), address: a {.*}}] AS items
