// Search phrase: the ten repeat-dispute networks with the highest risk score (ties by id), with
// their members and places.
MATCH (n:DisputeNetwork)
WITH n ORDER BY n.riskScore DESC, n.networkId LIMIT 10
MATCH (p:Person)-[m:MEMBER_OF]->(n)
OPTIONAL MATCH (n)-[c:CENTRED_AT]->(a:Address)
RETURN n, m, p, c, a
