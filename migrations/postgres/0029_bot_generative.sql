-- The bot's optional generative answers: one row of settings (the key in
-- its own column, sealed like every secret) and the calls made per day,
-- counted across instances against the daily cap.

CREATE TABLE bot_generative (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    config     TEXT NOT NULL,            -- crm.GenerativeSettings as JSON, without the key
    api_key    TEXT NOT NULL DEFAULT '', -- sealed
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE bot_generative_usage (
    day   TEXT PRIMARY KEY,              -- YYYY-MM-DD, UTC
    calls INTEGER NOT NULL
);
