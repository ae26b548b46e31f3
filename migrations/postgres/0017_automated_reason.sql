-- Why a message was taken for automated mail ("Auto-Submitted: auto-replied",
-- "no-reply sender …", "read receipt …"), shown with it; empty for mail
-- a person wrote and for mail stored before.

ALTER TABLE messages ADD COLUMN automated_reason TEXT NOT NULL DEFAULT '';
