-- Imports of customers, contacts and leads from CSV and XLSX files: one
-- job per uploaded file, run in the background under the scheduler's lease.
-- done_rows moves in the same transaction as the rows' records, so a job
-- resumes exactly where it stopped.
CREATE TABLE import_jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,             -- customers, contacts, leads
    status       TEXT NOT NULL,             -- uploaded, queued, running, done, failed, undone
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,             -- the blob; also tells a file imported before
    file_size    INTEGER NOT NULL,
    format       TEXT NOT NULL,             -- csv, xlsx
    encoding     TEXT NOT NULL DEFAULT '',  -- of a CSV: utf-8, utf-8-bom, gb18030, utf-16
    headings     TEXT NOT NULL DEFAULT '[]', -- JSON array, as read
    mapping      TEXT NOT NULL DEFAULT '{}', -- JSON: column index → field
    options      TEXT NOT NULL DEFAULT '{}', -- JSON: mode, region, owner
    total_rows   INTEGER NOT NULL DEFAULT 0,
    done_rows    INTEGER NOT NULL DEFAULT 0,
    created_n    INTEGER NOT NULL DEFAULT 0,
    updated_n    INTEGER NOT NULL DEFAULT 0,
    skipped_n    INTEGER NOT NULL DEFAULT 0,
    failed_n     INTEGER NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP
);
CREATE INDEX import_jobs_status ON import_jobs (status, id);

-- What each row did: a record created or updated (a customer row may make
-- a customer and its contact), a row skipped or failed with why. row_key
-- identifies the row's content, so the same rows imported again create
-- nothing twice; before holds an updated record's previous JSON for undo.
CREATE TABLE import_rows (
    job_id      INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    row_no      INTEGER NOT NULL,
    record_kind TEXT NOT NULL,              -- customer, contact, lead; '' for a failed row
    action      TEXT NOT NULL,              -- created, updated, skipped, failed
    record_id   INTEGER,
    row_key     TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    cells       TEXT NOT NULL DEFAULT '[]', -- JSON: the row as read, for the error report
    before      TEXT NOT NULL DEFAULT '',
    stamp       TIMESTAMP,                -- the record's updated_at once written
    PRIMARY KEY (job_id, row_no, record_kind)
);
CREATE INDEX import_rows_key ON import_rows (row_key);
CREATE INDEX import_rows_record ON import_rows (record_kind, record_id);
