package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const wechatMediaCols = `id, app_id, message_id, media_id, kind, state, attempts, error, attachment_id, created_at`

func scanWeChatMedia(r scanner) (*crm.WeChatMedia, error) {
	m := &crm.WeChatMedia{}
	err := r.Scan(&m.ID, &m.AppID, &m.MessageID, &m.MediaID, &m.Kind, &m.State, &m.Attempts, &m.Error,
		nid{&m.AttachmentID}, tm{&m.CreatedAt})
	return m, err
}

// QueueWeChatMedia stores a pending download and sets m.ID.
func (db *DB) QueueWeChatMedia(ctx context.Context, m *crm.WeChatMedia) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		m.State, m.CreatedAt = crm.MediaPending, db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO wechat_media (app_id, message_id, media_id, kind, state, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, m.AppID, m.MessageID, m.MediaID, m.Kind, m.State,
			m.CreatedAt).Scan(&m.ID)
		return db.conflict(err, "queue wechat media", "This media is queued already.")
	})
}

// FinishWeChatMedia records a download's attempts and outcome.
func (db *DB) FinishWeChatMedia(ctx context.Context, m *crm.WeChatMedia) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE wechat_media SET state = $2, attempts = $3, error = $4,
			attachment_id = $5 WHERE id = $1`, m.ID, m.State, m.Attempts, m.Error, idArg(m.AttachmentID))
		return db.wrap(err, "finish wechat media")
	})
}

// WeChatMediaByState returns up to limit downloads in state, oldest first.
func (db *DB) WeChatMediaByState(ctx context.Context, state string, limit int) (ms []*crm.WeChatMedia, err error) {
	err = db.query(ctx, func(q querier) error {
		ms, err = queryAll(ctx, q, scanWeChatMedia, `SELECT `+wechatMediaCols+` FROM wechat_media
			WHERE state = $1 ORDER BY id LIMIT $2`, state, limit)
		return db.wrap(err, "list wechat media")
	})
	return ms, err
}

// AttachWeChatMedia stores a downloaded media's attachment, ties it to its
// message and marks the download done, in one transaction.
func (db *DB) AttachWeChatMedia(ctx context.Context, m *crm.WeChatMedia, a *crm.Attachment) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.CreateAttachment(ctx, a); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO attachment_refs (attachment_id, kind, ref_id)
			VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, a.ID, crm.RefMessage, m.MessageID)
		if err != nil {
			return db.wrap(err, "attach wechat media")
		}
		m.State, m.Error, m.AttachmentID = crm.MediaDone, "", &a.ID
		return db.FinishWeChatMedia(ctx, m)
	})
}
