// Suggestions for a district with hotspot alerts.
MATCH (al:Alert)
WHERE al.district IS NOT NULL
RETURN DISTINCT al.district AS district
ORDER BY district
