// The guide: one person across the platforms, each source record and why it was merged.
MATCH (p:Person)
WITH p ORDER BY p.recordCount DESC, p.personId LIMIT 1
MATCH (p)-[link:RESOLVED_FROM]->(r:SourceRecord)
RETURN p.personId AS person, p.name AS name, r.source AS platform, r.recordId AS record,
       r.nameRaw AS typedAs, r.role AS role, link.score AS score, link.evidence AS evidence
ORDER BY platform, record
