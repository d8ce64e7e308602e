// The review candidate between two persons, if any (what an undo gives back).
MATCH (:Person {personId: $a})-[s:POSSIBLY_SAME_AS]-(:Person {personId: $b})
RETURN s.score AS score, s.reason AS reason, s.recordA AS recordA, s.recordB AS recordB
