// Scene action on incidents and cases: their parties, the escalation between incident and
// case, and the dispute thread an incident belongs to.
MATCH (x)-[r:INVOLVED_IN|ESCALATED_TO|PART_OF]-(y)
WHERE elementId(x) IN $nodes AND (x:Incident OR x:Case)
RETURN x, r, y
