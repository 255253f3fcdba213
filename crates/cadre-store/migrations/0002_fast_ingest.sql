-- Cadre knowledge base, schema version 2: writer and query indexes.

-- Each document's MinHash signature as a blob (MINHASH big-endian u64s, the
-- bytes of documents.fingerprint), in a narrow table: reprint detection
-- estimates Jaccard from signatures and never re-reads stored texts.
CREATE TABLE doc_sigs (
    doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    sig BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO doc_sigs (doc, sig) SELECT id, unhex(fingerprint) FROM documents;

-- Width class of an event's date bounds (0: one day, 1: ≤ 31 days, 2: ≤ 366
-- days, 3: wider; NULL undated), so that merge candidates are found by one
-- short index range per class instead of a scan over a year of events.
ALTER TABLE events ADD COLUMN span_class INTEGER;
UPDATE events SET span_class = CASE
    WHEN date_start IS NULL OR date_end IS NULL THEN NULL
    WHEN julianday(date_end) - julianday(date_start) <= 0 THEN 0
    WHEN julianday(date_end) - julianday(date_start) <= 31 THEN 1
    WHEN julianday(date_end) - julianday(date_start) <= 366 THEN 2
    ELSE 3 END;
CREATE INDEX events_merge ON events(type, span_class, date_start, date_end);

-- Term bounds (min/max of dated evidence) as single index seeks.
DROP INDEX office_evidence_office;
CREATE INDEX office_evidence_office_date ON office_evidence(office, date);
CREATE INDEX office_evidence_office_source ON office_evidence(office, source, date);

-- Covering indexes for person → events and region → offices → persons.
DROP INDEX event_participants_person;
CREATE INDEX event_participants_person ON event_participants(person, event);
DROP INDEX offices_code;
CREATE INDEX offices_code ON offices(jurisdiction_code, person);
CREATE INDEX offices_jurisdiction ON offices(jurisdiction, person);
