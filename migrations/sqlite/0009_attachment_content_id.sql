-- The Content-ID a mail part was sent with (angle brackets stripped), so
-- that the mail's HTML finds its inline images (src="cid:…") exactly;
-- empty for other files and for mail stored before.

ALTER TABLE attachments ADD COLUMN content_id TEXT NOT NULL DEFAULT '';
