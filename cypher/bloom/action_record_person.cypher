// Scene action on source records: the person each was resolved to.
MATCH (s:SourceRecord)<-[r:RESOLVED_FROM]-(p:Person)
WHERE elementId(s) IN $nodes
RETURN s, r, p
