// Scene action on persons: the source records they were resolved from, with the link's score
// and evidence on RESOLVED_FROM.
MATCH (p:Person)-[r:RESOLVED_FROM]->(s:SourceRecord)
WHERE elementId(p) IN $nodes
RETURN p, r, s
