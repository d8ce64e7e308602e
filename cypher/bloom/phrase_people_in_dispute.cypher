// Search phrase: everyone the people named $name keep being in dispute with.
MATCH (p:Person {name: $name})-[w:IN_DISPUTE_WITH]-(other:Person)
RETURN p, w, other
