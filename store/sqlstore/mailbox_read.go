package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const mailboxCols = `b.id, b.name, b.address, b.config, b.secrets, b.enabled, b.created_at, b.updated_at,
	COALESCE(s.state, 'not_started'), s.last_sync_at, COALESCE(s.last_error, ''), COALESCE(s.ingested, 0),
	COALESCE(s.duplicates, 0), COALESCE(s.pending, 0), s.updated_at, COALESCE(l.holder, ''),
	(SELECT COUNT(*) FROM failed_mail f WHERE f.mailbox_id = b.id)
	FROM mailboxes b LEFT JOIN mailbox_status s ON s.mailbox_id = b.id
	LEFT JOIN mailbox_leases l ON l.mailbox_id = b.id`

func (db *DB) scanMailbox(r scanner) (*crm.Mailbox, error) {
	m := &crm.Mailbox{}
	var cfg mailboxConfig
	var sec mailboxSecrets
	var secText string
	st := &m.Status
	err := r.Scan(&m.ID, &m.Name, &m.Address, jsonCol{&cfg}, sealedCol{db, &secText}, &m.Enabled, tm{&m.CreatedAt},
		tm{&m.UpdatedAt}, &st.State, ntm{&st.LastSyncAt}, &st.LastError, &st.Ingested, &st.Duplicates,
		&st.Pending, ntm{&st.UpdatedAt}, &st.Holder, &st.Failed)
	if err == nil {
		err = jsonCol{&sec}.Scan(secText)
	}
	cfg.apply(m)
	sec.apply(m)
	return m, err
}

// Mailbox returns one mailbox with its secrets and status. ENOTFOUND.
func (db *DB) Mailbox(ctx context.Context, id int64) (m *crm.Mailbox, err error) {
	err = db.view(ctx, func(q querier) error {
		m, err = db.scanMailbox(q.QueryRowContext(ctx, `SELECT `+mailboxCols+` WHERE b.id = $1`, id))
		return db.notFound(err, "Mailbox", "get mailbox")
	})
	return m, err
}

// Mailboxes returns every mailbox, by id.
func (db *DB) Mailboxes(ctx context.Context) (list []*crm.Mailbox, err error) {
	err = db.view(ctx, func(q querier) error {
		list, err = queryAll(ctx, q, db.scanMailbox, `SELECT `+mailboxCols+` ORDER BY b.id`)
		return db.wrap(err, "list mailboxes")
	})
	return list, err
}

// EnabledMailboxes returns the ids of the enabled mailboxes, by id.
func (db *DB) EnabledMailboxes(ctx context.Context) (ids []int64, err error) {
	err = db.view(ctx, func(q querier) error {
		ids, err = queryAll(ctx, q, func(r scanner) (id int64, err error) {
			return id, r.Scan(&id)
		}, `SELECT id FROM mailboxes WHERE enabled ORDER BY id`)
		return db.wrap(err, "list enabled mailboxes")
	})
	return ids, err
}

// DeleteMailbox removes a mailbox; its messages stay. ENOTFOUND.
func (db *DB) DeleteMailbox(ctx context.Context, id int64) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM mailboxes WHERE id = $1`, id)
		if err != nil {
			return db.wrap(err, "delete mailbox")
		}
		return db.oneRow(res, "Mailbox", "delete mailbox")
	})
}

// RecentThreads returns a sender's recent inbound messages in one account,
// newest first, for threading by subject.
func (db *DB) RecentThreads(ctx context.Context, account, from string, since time.Time, limit int) (hints []crm.ThreadHint, err error) {
	err = db.view(ctx, func(q querier) error {
		hints, err = queryAll(ctx, q, func(r scanner) (h crm.ThreadHint, err error) {
			return h, r.Scan(&h.Subject, &h.MessageRef)
		}, `SELECT subject, message_ref FROM messages WHERE channel = 'email' AND direction = 'in'
			AND account = $1 AND from_address = $2 AND sent_at >= $3 AND message_ref <> ''
			ORDER BY id DESC LIMIT $4`, account, from, utc(since), limit)
		return db.wrap(err, "recent threads")
	})
	return hints, err
}
