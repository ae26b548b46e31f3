-- The bot's unanswered questions (未识别问题): each unsure hand-off, written
-- with its decision, and what an admin then did with it (taught it to an
-- FAQ entry, wrote a new entry from it, or dismissed it). question is the
-- text the bot read; question_key groups identical ones (crm.QuestionKey).
-- faq_id has no foreign key: the record stays when the entry is deleted.
CREATE TABLE bot_unanswered (
    message_id   INTEGER PRIMARY KEY REFERENCES bot_decisions (message_id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    account      TEXT NOT NULL,
    question     TEXT NOT NULL,
    question_key TEXT NOT NULL,
    asked_at     TIMESTAMP NOT NULL,
    outcome      TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'taught', 'new_entry', 'dismissed')),
    faq_id       INTEGER,
    handled_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    handled_at   TIMESTAMP
);
-- The list walks the waiting ones newest first (all, or one account's)
-- and keeps each question's newest: whether a newer one asks the same,
-- and how many do, is read on the question's key.
CREATE INDEX bot_unanswered_waiting ON bot_unanswered (outcome, message_id);
CREATE INDEX bot_unanswered_account ON bot_unanswered (outcome, channel, account, message_id);
CREATE INDEX bot_unanswered_key ON bot_unanswered (outcome, question_key, message_id);

-- The unsure hand-offs decided before this migration, those with words.
-- Their key is the text lower-cased (SQL has no crm.QuestionKey): they
-- group with later ones only when they read exactly alike.
INSERT INTO bot_unanswered (message_id, channel, account, question, question_key, asked_at)
SELECT d.message_id, d.channel, d.account,
       substr(trim(CASE WHEN m.channel = 'email' THEN m.subject ELSE m.text END), 1, 500),
       lower(substr(trim(CASE WHEN m.channel = 'email' THEN m.subject ELSE m.text END), 1, 500)),
       d.decided_at
FROM bot_decisions d JOIN messages m ON m.id = d.message_id
WHERE d.action = 'handoff' AND d.reason LIKE 'unsure:%'
  AND trim(CASE WHEN m.channel = 'email' THEN m.subject ELSE m.text END) <> '';
