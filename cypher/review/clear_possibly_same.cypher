// A rejected pair is no longer a review candidate.
MATCH (:Person {personId: $a})-[s:POSSIBLY_SAME_AS]-(:Person {personId: $b})
DELETE s
