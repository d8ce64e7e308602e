// Each alert's addresses and the incidents it is about (those in the caller's $districts).
UNWIND $ids AS id
MATCH (al:Alert {alertId: id})
CALL (al) {
  MATCH (al)-[:RAISED_FOR]->(a:Address)
  WHERE ($districts IS NULL OR a.district IN $districts)
  WITH a ORDER BY a.addressId
  RETURN collect(a {.*}) AS addresses
}
CALL (al) {
  MATCH (al)-[:ABOUT]->(i:Incident)
  WHERE ($districts IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH i ORDER BY i.reportedAt, i.incidentId
  RETURN collect(i {.*, raw: null}) AS incidents
}
RETURN id, [{addresses: addresses, incidents: incidents}] AS items
