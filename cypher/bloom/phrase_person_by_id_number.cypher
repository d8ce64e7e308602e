// Search phrase: the person with an ID number, and the records they were resolved from.
// It has no suggestions on purpose: they would list every ID number in the graph.
MATCH (p:Person {idNumber: $idNumber})
OPTIONAL MATCH (p)-[r:RESOLVED_FROM]->(s:SourceRecord)
RETURN p, r, s
