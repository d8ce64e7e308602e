// Suggestions for "People in dispute with $name": the names of people in dispute with someone.
MATCH (p:Person)-[:IN_DISPUTE_WITH]-()
WHERE p.name IS NOT NULL
RETURN DISTINCT p.name AS name
ORDER BY name
