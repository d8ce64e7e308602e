// Keys and look-ups of the analysis results, so that a batch (fengqiao ingest) finds
// what it updates by index: networks and alerts by id, dispute incidents by building and
// compound.
CREATE CONSTRAINT network_id IF NOT EXISTS
FOR (n:DisputeNetwork) REQUIRE n.networkId IS UNIQUE;

CREATE CONSTRAINT alert_id IF NOT EXISTS
FOR (a:Alert) REQUIRE a.alertId IS UNIQUE;

CREATE INDEX address_building_key IF NOT EXISTS
FOR (a:Address) ON (a.buildingKey);

CREATE INDEX address_compound_key IF NOT EXISTS
FOR (a:Address) ON (a.compoundKey);

CREATE CONSTRAINT batch_id IF NOT EXISTS
FOR (b:Batch) REQUIRE b.batchId IS UNIQUE;
