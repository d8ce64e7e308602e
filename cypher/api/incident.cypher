// Incidents by id, in one round trip; those outside the caller's $districts are not found.
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
WHERE ($districts IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
RETURN id, [i {.*, raw: null}] AS items
