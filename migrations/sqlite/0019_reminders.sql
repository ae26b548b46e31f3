-- Escalations of overdue follow-ups to the manager: the unique key
-- (follow-up, level) makes each happen once, across instances.
CREATE TABLE followup_escalations (
    followup_id INTEGER NOT NULL REFERENCES followups (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL,
    task_id     INTEGER REFERENCES tasks (id),
    at          TIMESTAMP NOT NULL,
    PRIMARY KEY (followup_id, level)
);
-- A follow-up's next step is answered by a later follow-up on the same
-- record: found through followup_refs (kind, ref_id, followup_id).
