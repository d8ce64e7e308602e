// Each alert's addresses and the incidents it is about.
UNWIND $ids AS id
MATCH (al:Alert {alertId: id})
CALL (al) {
  MATCH (al)-[:RAISED_FOR]->(a:Address)
  WITH a ORDER BY a.addressId
  RETURN collect(a {.*}) AS addresses
}
CALL (al) {
  MATCH (al)-[:ABOUT]->(i:Incident)
  WITH i ORDER BY i.reportedAt, i.incidentId
  RETURN collect(i {.*, raw: null}) AS incidents
}
RETURN id, [{addresses: addresses, incidents: incidents}] AS items
