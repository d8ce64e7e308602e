// The hotspot alerts raised for each address.
UNWIND $ids AS id
MATCH (a:Address {addressId: id})
RETURN id, [(al:Alert)-[:RAISED_FOR]->(a) | al {.*}] AS items
