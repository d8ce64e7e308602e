// Suggestions for a district with repeat-dispute networks.
MATCH (n:DisputeNetwork)
WHERE n.district IS NOT NULL
RETURN DISTINCT n.district AS district
ORDER BY district
