// Incidents by id, in one round trip.
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
RETURN id, [i {.*, raw: null}] AS items
