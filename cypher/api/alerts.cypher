// Hotspot alerts, most incidents first, filtered by level, district and time, within
// the caller's $districts (null: everywhere).
MATCH (al:Alert)
WHERE ($level IS NULL OR al.level = $level)
  AND ($district IS NULL OR al.district = $district)
  AND ($since IS NULL OR al.lastAt >= $since)
  AND ($districts IS NULL OR al.district IN $districts)
WITH al ORDER BY al.incidentCount DESC, al.alertId
SKIP $offset LIMIT $limit
RETURN al {.*} AS alert
