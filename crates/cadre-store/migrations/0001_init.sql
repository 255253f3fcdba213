-- Cadre knowledge base, schema version 1.
-- Every fact row names the document it was read in, so that replacing a
-- changed document deletes exactly its facts (see ingest.rs).

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    -- Stable integer key used as the rowid of the contentless FTS table.
    seq          INTEGER NOT NULL UNIQUE,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    -- Record.reference_date, else published: the date of undated facts.
    ref_date     TEXT,
    content_hash TEXT NOT NULL,
    text         TEXT NOT NULL,
    -- MinHash signature of 5-char shingles (hex), for near-duplicate detection.
    fingerprint  TEXT NOT NULL,
    -- Number of evidence rows written with the document: a consistency check.
    n_facts      INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL
);

-- LSH bands of the MinHash signature: candidates for reprint detection.
CREATE TABLE doc_bands (
    band_key INTEGER NOT NULL,
    doc      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, doc)
) WITHOUT ROWID;
CREATE INDEX doc_bands_doc ON doc_bands(doc);

CREATE TABLE reprints (
    doc        TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    original   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity REAL NOT NULL
);
CREATE INDEX reprints_original ON reprints(original);

-- Merged individuals.
CREATE TABLE persons (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE INDEX persons_name ON persons(name);

CREATE TABLE doc_persons (
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person     INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    local_name TEXT NOT NULL,
    how        TEXT,
    PRIMARY KEY (doc, person, local_name)
);
CREATE INDEX doc_persons_person ON doc_persons(person);

-- Offices (terms) of a person. first/last_seen come from dated evidence,
-- start/end from appointment/removal events; all are recomputed from
-- office_evidence whenever a document adds or removes evidence.
CREATE TABLE offices (
    id                INTEGER PRIMARY KEY,
    person            INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    jurisdiction      TEXT NOT NULL DEFAULT '',
    jurisdiction_code TEXT,
    post              TEXT NOT NULL,
    -- '' for controlled posts (one office whatever the wording), the title for `other`.
    title_key         TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL,
    first_seen        TEXT,
    last_seen         TEXT,
    start             TEXT,
    end               TEXT,
    UNIQUE (person, jurisdiction, post, title_key)
);
CREATE INDEX offices_post_code ON offices(post, jurisdiction_code);
CREATE INDEX offices_post_name ON offices(post, jurisdiction);
CREATE INDEX offices_code ON offices(jurisdiction_code);

CREATE TABLE office_evidence (
    office     INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    -- YYYY-MM-DD the evidence dates the office to, if any.
    date       TEXT,
    -- 'title' (a title in a report), 'appointment' or 'removal'.
    source     TEXT NOT NULL
);
CREATE INDEX office_evidence_office ON office_evidence(office);
CREATE INDEX office_evidence_doc ON office_evidence(doc);

-- Merged events; date/place are those of the most precise report.
CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    type                TEXT NOT NULL,
    date                TEXT,
    date_start          TEXT,
    date_end            TEXT,
    place               TEXT,
    place_code          TEXT,
    office_jurisdiction TEXT,
    office_post         TEXT,
    office_title        TEXT
);
CREATE INDEX events_type_date ON events(type, date_start);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_place_code ON events(place_code);

-- One row per document that reports an event, with what that document says.
CREATE TABLE event_reports (
    event      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date       TEXT,
    date_start TEXT,
    date_end   TEXT,
    place      TEXT,
    place_code TEXT,
    PRIMARY KEY (event, doc)
);
CREATE INDEX event_reports_doc ON event_reports(doc);

CREATE TABLE event_participants (
    event  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    doc    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    -- Comma-separated snake_case roles.
    roles  TEXT NOT NULL,
    PRIMARY KEY (event, person, doc)
);
CREATE INDEX event_participants_person ON event_participants(person);
CREATE INDEX event_participants_doc ON event_participants(doc);

CREATE TABLE event_evidence (
    event      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    rule       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_evidence_event ON event_evidence(event);
CREATE INDEX event_evidence_doc ON event_evidence(doc);

-- Named agreements, plans and programmes: from events (signings) and from
-- agreement entities of a document (event is then NULL).
CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    event      INTEGER REFERENCES events(id) ON DELETE CASCADE,
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence   INTEGER,
    char_start INTEGER,
    char_end   INTEGER,
    text       TEXT
);
CREATE INDEX agreements_doc ON agreements(doc);
CREATE INDEX agreements_event ON agreements(event);

-- Region codes a document mentions (entities, event places, jurisdictions).
CREATE TABLE doc_regions (
    doc  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (doc, code)
) WITHOUT ROWID;
CREATE INDEX doc_regions_code ON doc_regions(code);

-- Cooperation ties named in a sentence (东西部协作, 对口支援, …).
CREATE TABLE ties (
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    keyword    TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX ties_doc ON ties(doc);

-- Full-text index over a unigram-segmented copy of title and text (fts.rs):
-- contentless, keyed by documents.seq, so the text is stored only once.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, content='', contentless_delete=1, tokenize='unicode61'
);
