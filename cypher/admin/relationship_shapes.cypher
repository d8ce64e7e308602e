// Every relationship type with the labels it joins and its property keys' value types, for
// checking the graph model against a loaded graph. Scans every relationship.
MATCH (a)-[r]->(b)
WITH type(r) AS type, labels(a)[0] AS start, labels(b)[0] AS end, r
UNWIND CASE WHEN size(keys(r)) = 0 THEN [null] ELSE keys(r) END AS key
RETURN type, collect(DISTINCT [start, end]) AS ends, key,
       collect(DISTINCT valueType(r[key])) AS types
ORDER BY type, key
