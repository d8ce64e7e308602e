// Suggestions for "Possible duplicates of $name": the names of persons with review candidates.
MATCH (p:Person)-[:POSSIBLY_SAME_AS]-()
WHERE p.name IS NOT NULL
RETURN DISTINCT p.name AS name
ORDER BY name
