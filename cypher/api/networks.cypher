// Repeat-dispute networks, riskiest first, paged by (riskScore, networkId).
MATCH (n:DisputeNetwork)
WHERE n.incidentCount >= $minIncidents
  AND ($district IS NULL OR n.district = $district)
  AND ($since IS NULL OR n.lastAt >= $since)
  AND ($until IS NULL OR n.firstAt < $until)
WITH n ORDER BY n.riskScore DESC, n.networkId
SKIP $offset LIMIT $limit
RETURN n {.*} AS network
