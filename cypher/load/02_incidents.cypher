// 110 incidents (警情) and where they happened.
UNWIND $rows AS row
MERGE (i:Incident {incidentId: row.incidentId})
SET i += row.props
WITH i, row
OPTIONAL MATCH (i)-[old:OCCURRED_AT]->(:Address)
DELETE old
WITH DISTINCT i, row
MATCH (a:Address {addressId: row.addressId})
MERGE (i)-[:OCCURRED_AT]->(a)
