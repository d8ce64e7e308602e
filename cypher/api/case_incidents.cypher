// The 110 incidents each case was escalated from (in the caller's $districts).
UNWIND $ids AS id
MATCH (c:Case {caseId: id})
RETURN id, [(i:Incident)-[:ESCALATED_TO]->(c) WHERE ($districts IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts }) | i {.*, raw: null}] AS items
