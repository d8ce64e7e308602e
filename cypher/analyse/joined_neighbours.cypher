// Each person's partners in enough dispute incidents to join a network.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
RETURN id, [(p)-[w:IN_DISPUTE_WITH]-(q:Person) WHERE w.incidents >= $min | q.personId] AS partners
