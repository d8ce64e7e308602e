// Cases by id, in one round trip.
UNWIND $ids AS id
MATCH (c:Case {caseId: id})
RETURN id, [c {.*, raw: null}] AS items
