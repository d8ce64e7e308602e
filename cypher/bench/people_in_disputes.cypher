// Inputs for `fengqiao bench api`: persons in disputes (their counterparts are not
// empty) and their names, for people(search).
MATCH (p:Person)-[:IN_DISPUTE_WITH]-()
RETURN DISTINCT p.personId AS id, p.name AS name
