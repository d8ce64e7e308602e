// The guide: the riskiest network drawn, its people, who is in dispute with whom, and where.
MATCH (n:DisputeNetwork)
WITH n ORDER BY n.riskScore DESC, n.networkId LIMIT 1
MATCH (p:Person)-[member:MEMBER_OF]->(n)
OPTIONAL MATCH (p)-[dispute:IN_DISPUTE_WITH]->(other:Person)-[:MEMBER_OF]->(n)
OPTIONAL MATCH (n)-[centre:CENTRED_AT]->(a:Address)
RETURN n, p, member, dispute, other, centre, a
