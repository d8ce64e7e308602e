// Alerts: a building or compound whose dispute incidents crossed the threshold, or a
// repeat-dispute network; each with the incidents it is about and where they happened.
UNWIND $rows AS row
MERGE (al:Alert {alertId: row.alertId})
SET al += row.props
WITH al, row
CALL (al, row) {
  UNWIND row.incidents AS incidentId
  MATCH (i:Incident {incidentId: incidentId})
  MERGE (al)-[:ABOUT]->(i)
}
CALL (al, row) {
  UNWIND row.addresses AS addressId
  MATCH (a:Address {addressId: addressId})
  MERGE (al)-[:RAISED_FOR]->(a)
}
