// Persons left without any source record (after a merge) are removed.
MATCH (p:Person) WHERE NOT (p)-[:RESOLVED_FROM]->()
WITH p LIMIT $batch
DETACH DELETE p
RETURN count(*) AS removed
