// The shortest path between two persons over the relationship types in $types,
// at most 6 hops (the API checks $maxHops <= 6 and drops longer paths).
MATCH (a:Person {personId: $from}), (b:Person {personId: $to})
MATCH path = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(path) WHERE type(r) IN $types)
WITH path WHERE length(path) <= $maxHops
RETURN [n IN nodes(path) | {elementId: elementId(n), labels: labels(n), props: n {.*, raw: null}}] AS nodes,
       [r IN relationships(path) | {elementId: elementId(r), type: type(r),
                                    start: elementId(startNode(r)), end: elementId(endNode(r)),
                                    props: r {.*, evidence: null}}] AS edges
