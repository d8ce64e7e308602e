// Where each case happened.
UNWIND $ids AS id
MATCH (c:Case {caseId: id})
RETURN id, [(c)-[:OCCURRED_AT]->(a:Address) | a {.*}] AS items
