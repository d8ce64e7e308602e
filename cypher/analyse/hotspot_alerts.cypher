// The standing hotspot alerts: their windows move with the newest incident.
MATCH (al:Alert) WHERE al.level IN ['building', 'compound']
RETURN al.alertId AS alertId, al.level AS level
