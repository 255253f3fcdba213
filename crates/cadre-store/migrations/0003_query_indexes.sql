-- Cadre knowledge base, schema version 3: query indexes.

-- Event evidence by event with its span, so that queries rank and cap the
-- distinct evidence rows of an event from the index alone.
DROP INDEX event_evidence_event;
CREATE INDEX event_evidence_event_span ON event_evidence(event, doc, sentence, char_start, char_end);
