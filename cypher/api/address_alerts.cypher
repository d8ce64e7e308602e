// The hotspot alerts raised for each address (in the caller's $districts).
UNWIND $ids AS id
MATCH (a:Address {addressId: id})
RETURN id, [(al:Alert)-[:RAISED_FOR]->(a) WHERE ($districts IS NULL OR al.district IN $districts) | al {.*}] AS items
