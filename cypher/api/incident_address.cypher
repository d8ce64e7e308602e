// Where each incident happened.
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
RETURN id, [(i)-[:OCCURRED_AT]->(a:Address) | a {.*}] AS items
