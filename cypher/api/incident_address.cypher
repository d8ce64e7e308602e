// Where each incident happened (in the caller's $districts).
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
RETURN id, [(i)-[:OCCURRED_AT]->(a:Address) WHERE ($districts IS NULL OR a.district IN $districts) | a {.*}] AS items
