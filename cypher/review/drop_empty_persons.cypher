// Persons left without records after a merge are removed with their relationships.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
WHERE NOT EXISTS { (p)-[:RESOLVED_FROM]->() }
DETACH DELETE p
RETURN count(*) AS removed
