// Suggestions for "Incidents at $address": the compounds where incidents happened.
MATCH (:Incident)-[:OCCURRED_AT]->(a:Address)
WHERE a.compoundName IS NOT NULL
RETURN DISTINCT a.compoundName AS compound
ORDER BY compound
