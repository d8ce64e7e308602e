// Cases by id, in one round trip; those outside the caller's $districts are not found.
UNWIND $ids AS id
MATCH (c:Case {caseId: id})
WHERE ($districts IS NULL OR EXISTS { (c)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
RETURN id, [c {.*, raw: null}] AS items
