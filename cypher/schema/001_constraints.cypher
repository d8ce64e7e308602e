// Uniqueness constraints: created before any data, so MERGE on these keys is
// both correct and index-backed. IF NOT EXISTS keeps this file idempotent.
CREATE CONSTRAINT person_id IF NOT EXISTS
FOR (p:Person) REQUIRE p.personId IS UNIQUE;

CREATE CONSTRAINT source_record_key IF NOT EXISTS
FOR (r:SourceRecord) REQUIRE (r.source, r.recordId) IS UNIQUE;

CREATE CONSTRAINT address_id IF NOT EXISTS
FOR (a:Address) REQUIRE a.addressId IS UNIQUE;

CREATE CONSTRAINT incident_id IF NOT EXISTS
FOR (i:Incident) REQUIRE i.incidentId IS UNIQUE;

CREATE CONSTRAINT case_id IF NOT EXISTS
FOR (c:Case) REQUIRE c.caseId IS UNIQUE;

CREATE CONSTRAINT dispute_id IF NOT EXISTS
FOR (d:Dispute) REQUIRE d.disputeId IS UNIQUE;
