-- Channels without thread headers (WeChat) thread a sender's messages by
-- the sender: one row per sender (account + openid) holds their latest
-- conversation and the lead made for them. The primary key is what makes
-- "one lead, one conversation per follower" hold when several instances
-- ingest a new follower's first pushes at once: the second insert fails,
-- and its retry joins the first's conversation.
CREATE TABLE sender_threads (
    channel         TEXT NOT NULL,
    account         TEXT NOT NULL,
    sender          TEXT NOT NULL,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    lead_id         BIGINT REFERENCES leads (id) ON DELETE SET NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel, account, sender)
);
CREATE INDEX sender_threads_conversation ON sender_threads (conversation_id);
CREATE INDEX sender_threads_lead ON sender_threads (lead_id) WHERE lead_id IS NOT NULL;

-- Followers who wrote before: their latest conversation and its lead.
INSERT INTO sender_threads (channel, account, sender, conversation_id, lead_id, updated_at)
SELECT m.channel, m.account, m.from_address, m.conversation_id, c.lead_id, CURRENT_TIMESTAMP
FROM messages m JOIN conversations c ON c.id = m.conversation_id
WHERE m.id IN (SELECT max(id) FROM messages WHERE channel = 'wechat' AND direction = 'in'
    AND from_address <> '' GROUP BY account, from_address);

-- Leads named by a bare openid (no nickname came) get the readable name new
-- followers get: 微信用户 · and the openid's last six characters.
UPDATE leads SET name = '微信用户 · ' || right(name, 6)
WHERE channel = 'wechat' AND id IN (SELECT lead_id FROM sender_threads WHERE sender = leads.name);
