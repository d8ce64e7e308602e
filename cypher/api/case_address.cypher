// Where each case happened (in the caller's $districts).
UNWIND $ids AS id
MATCH (c:Case {caseId: id})
RETURN id, [(c)-[:OCCURRED_AT]->(a:Address) WHERE ($districts IS NULL OR a.district IN $districts) | a {.*}] AS items
