// The guide: hotspot alerts, the buildings and compounds where dispute calls pile up.
MATCH (l:Alert)
RETURN l.level AS level, l.place AS place, l.district AS district,
       l.incidentCount AS incidents, l.firstAt AS firstAt, l.lastAt AS lastAt, l.reason AS reason
ORDER BY incidents DESC, place
LIMIT 10
