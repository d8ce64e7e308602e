// Search phrase: the hotspot alerts of a district and the addresses they were raised for.
MATCH (al:Alert {district: $district})-[r:RAISED_FOR]->(a:Address)
RETURN al, r, a
