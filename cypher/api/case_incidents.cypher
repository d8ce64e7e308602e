// The 110 incidents each case was escalated from.
UNWIND $ids AS id
MATCH (c:Case {caseId: id})
RETURN id, [(i:Incident)-[:ESCALATED_TO]->(c) | i {.*, raw: null}] AS items
