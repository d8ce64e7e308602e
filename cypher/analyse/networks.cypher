// Repeat-dispute networks with their members, for checks against truth and reports.
MATCH (n:DisputeNetwork)
RETURN n.networkId AS networkId, n.riskScore AS riskScore,
       [(p:Person)-[:MEMBER_OF]->(n) | p.personId] AS persons
ORDER BY networkId
