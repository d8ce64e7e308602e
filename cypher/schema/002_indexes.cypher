// Lookup indexes for the properties that queries filter on.
CREATE INDEX incident_reported_at IF NOT EXISTS
FOR (i:Incident) ON (i.reportedAt);

CREATE INDEX incident_category IF NOT EXISTS
FOR (i:Incident) ON (i.category);

CREATE INDEX case_opened_at IF NOT EXISTS
FOR (c:Case) ON (c.openedAt);

// A record's INVOLVED_IN relationship is found by its key when the record moves person.
CREATE INDEX involved_in_record IF NOT EXISTS
FOR ()-[r:INVOLVED_IN]-() ON (r.recordKey);
