// Search phrase: the review candidates (persons that may be one) of the people named $name.
MATCH (p:Person {name: $name})-[s:POSSIBLY_SAME_AS]-(other:Person)
RETURN p, s, other
