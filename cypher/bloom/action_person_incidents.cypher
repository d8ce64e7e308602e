// Scene action on persons: the incidents and cases they are a party to, in their roles.
MATCH (p:Person)-[r:INVOLVED_IN]->(x)
WHERE elementId(p) IN $nodes
RETURN p, r, x
