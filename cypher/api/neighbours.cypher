// One step of a neighbourhood: the relationships of the frontier nodes over $types,
// and the nodes at their other ends (at most $limit relationships).
UNWIND $frontier AS elementKey
MATCH (n) WHERE elementId(n) = elementKey
MATCH (n)-[r]-(m)
WHERE type(r) IN $types
WITH DISTINCT r, m
LIMIT $limit
RETURN {elementId: elementId(m), labels: labels(m), props: m {.*, raw: null}} AS node,
       {elementId: elementId(r), type: type(r), start: elementId(startNode(r)),
        end: elementId(endNode(r)), props: r {.*, evidence: null}} AS edge
