// Search phrase: the shortest path (at most six steps) between two people, by name.
MATCH (a:Person {name: $first}), (b:Person {name: $second})
WHERE a <> b
MATCH path = shortestPath((a)-[*..6]-(b))
RETURN path
LIMIT 1
