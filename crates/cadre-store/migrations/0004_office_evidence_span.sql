-- Cadre knowledge base, schema version 4: office evidence by date with its span.

-- Term bounds stay single seeks (office, date); with the span in the index too,
-- a query counts an office's distinct evidence and reads its earliest and latest
-- rows from the index alone, however many reports name the holder.
DROP INDEX office_evidence_office_date;
CREATE INDEX office_evidence_office_date ON office_evidence(office, date, doc, sentence, char_start, char_end);
