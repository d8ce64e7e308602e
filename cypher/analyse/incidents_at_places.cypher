// Dispute incidents of one category at one address (what joins a thread by place).
UNWIND $places AS place
MATCH (a:Address {addressId: place.addressId}) USING INDEX a:Address(addressId)
MATCH (a)<-[:OCCURRED_AT]-(i:Incident)
WHERE i.isDispute AND i.category = place.category
RETURN DISTINCT i.incidentId AS id
