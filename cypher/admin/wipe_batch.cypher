// Deletes up to $batch nodes with their relationships; returns how many went.
// Used by the test suite between tests (and only there).
MATCH (n) WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
