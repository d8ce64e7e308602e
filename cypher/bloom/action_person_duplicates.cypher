// Scene action on persons: the persons they may be (review candidates), with score and reason.
MATCH (p:Person)-[s:POSSIBLY_SAME_AS]-(other:Person)
WHERE elementId(p) IN $nodes
RETURN p, s, other
