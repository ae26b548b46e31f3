-- Web forms: each definition is reached at /f/{form_key}. Fields, origins,
-- tags and the confirmation are JSON: they are read and written whole.
CREATE TABLE forms (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    form_key        TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    fields          TEXT NOT NULL DEFAULT '[]',
    allowed_origins TEXT NOT NULL DEFAULT '[]',
    redirect_url    TEXT NOT NULL DEFAULT '',
    team_id         INTEGER REFERENCES teams (id) ON DELETE SET NULL,
    tags            TEXT NOT NULL DEFAULT '[]',
    confirmation    TEXT NOT NULL DEFAULT 'null',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
