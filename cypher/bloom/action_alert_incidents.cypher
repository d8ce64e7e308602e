// Scene action on hotspot alerts: the incidents behind them and where each happened.
MATCH (al:Alert)-[r:ABOUT]->(i:Incident)
WHERE elementId(al) IN $nodes
OPTIONAL MATCH (i)-[o:OCCURRED_AT]->(a:Address)
RETURN al, r, i, o, a
