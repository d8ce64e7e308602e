// Repeat-dispute networks, riskiest first, paged by (riskScore, networkId).
MATCH (n:DisputeNetwork)
WHERE n.incidentCount >= $minIncidents
  AND ($district IS NULL OR n.district = $district)
  AND ($since IS NULL OR n.lastAt >= $since)
WITH n ORDER BY n.riskScore DESC, n.networkId
SKIP $offset LIMIT $limit
RETURN n {.networkId, .size, .incidentCount, .firstAt, .lastAt, .escalations, .trend, .riskScore,
          .district, .compound,
          people: [(p:Person)-[:MEMBER_OF]->(n) | p.personId]} AS network
