// Deletes up to $batch nodes with their relationships; returns how many went.
// Used between tests and by the graph benchmarks, which replace the database.
MATCH (n) WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
