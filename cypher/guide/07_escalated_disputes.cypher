// The guide: dispute threads that escalated into cases, how many days each ran, and their
// parties.
MATCH (d:Dispute)
WHERE d.escalations > 0
MATCH (p:Person)-[:PARTY_TO]->(d)
WITH d, collect(p.name) AS parties
RETURN d.category AS category, d.incidentCount AS incidents, d.firstAt AS firstAt,
       d.lastAt AS lastAt, duration.inDays(d.firstAt, d.lastAt).days AS days,
       d.escalations AS escalations, parties
ORDER BY escalations DESC, incidents DESC, firstAt
LIMIT 10
