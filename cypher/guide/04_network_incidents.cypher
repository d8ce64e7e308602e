// The guide: the riskiest network's incidents in time, and the cases they escalated into.
MATCH (n:DisputeNetwork)
WITH n ORDER BY n.riskScore DESC, n.networkId LIMIT 1
MATCH (i:Incident)-[:IN_NETWORK]->(n)
OPTIONAL MATCH (i)-[:ESCALATED_TO]->(c:Case)
RETURN i.reportedAt AS reported, i.category AS category, i.summary AS summary,
       i.disposition AS outcome, c.caseType AS escalatedTo
ORDER BY reported
