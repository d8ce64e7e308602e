// Repeat-dispute networks, riskiest first, paged by (riskScore, networkId), within the
// caller's $districts (null: everywhere).
MATCH (n:DisputeNetwork)
WHERE n.incidentCount >= $minIncidents
  AND ($district IS NULL OR n.district = $district)
  AND ($since IS NULL OR n.lastAt >= $since)
  AND ($until IS NULL OR n.firstAt < $until)
  AND ($districts IS NULL OR n.district IN $districts)
WITH n ORDER BY n.riskScore DESC, n.networkId
SKIP $offset LIMIT $limit
RETURN n {.*} AS network
