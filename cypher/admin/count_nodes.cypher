// How many nodes the database holds.
MATCH (n) RETURN count(n) AS nodes
