// The guide: pairs of persons the model thinks may be one, for review.
MATCH (a:Person)-[s:POSSIBLY_SAME_AS]-(b:Person)
WHERE a.personId < b.personId
RETURN a.personId AS personA, a.name AS nameA, b.personId AS personB, b.name AS nameB,
       s.score AS score, s.reason AS reason
ORDER BY score DESC, personA, personB
LIMIT 10
