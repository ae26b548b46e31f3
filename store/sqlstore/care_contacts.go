package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// CareRecipient returns what a care send to a contact needs: the contact,
// their customer, their care settings, their conversations by channel and
// which WeChat accounts they left. ENOTFOUND.
func (db *DB) CareRecipient(ctx context.Context, contactID int64) (*crm.CareRecipient, error) {
	k, err := db.Contact(ctx, crm.System, contactID)
	if err != nil {
		return nil, err
	}
	r := &crm.CareRecipient{Contact: k, OwnerID: k.OwnerID, Unsubscribed: map[string]bool{}}
	if k.CustomerID != nil {
		if r.Customer, err = db.Customer(ctx, crm.System, *k.CustomerID); err != nil {
			return nil, err
		}
		if r.OwnerID == nil {
			r.OwnerID = r.Customer.OwnerID
		}
	}
	err = db.view(ctx, func(q querier) error {
		if err := db.careSettings(ctx, q, r); err != nil {
			return err
		}
		if err := db.careConversations(ctx, q, r); err != nil {
			return err
		}
		return db.careUnsubscribed(ctx, q, r)
	})
	return r, db.wrap(err, "care recipient")
}

func (db *DB) careSettings(ctx context.Context, q querier, r *crm.CareRecipient) error {
	err := q.QueryRowContext(ctx, `SELECT opted_out, time_zone FROM care_contacts WHERE contact_id = $1`,
		r.Contact.ID).Scan(&r.OptedOut, &r.TimeZone)
	if err == sql.ErrNoRows {
		return nil
	}
	return err
}

func (db *DB) careConversations(ctx context.Context, q querier, r *crm.CareRecipient) error {
	cs, err := queryAll(ctx, q, scanConversation, `SELECT `+conversationCols+` FROM conversations v
		WHERE v.contact_id = $1 ORDER BY v.last_message_at DESC, v.id DESC LIMIT 20`, r.Contact.ID)
	for _, c := range cs {
		switch c.Channel {
		case crm.ChannelWeChat:
			r.WeChat = append(r.WeChat, c)
		case crm.ChannelEmail:
			r.Email = append(r.Email, c)
		}
	}
	return err
}

func (db *DB) careUnsubscribed(ctx context.Context, q querier, r *crm.CareRecipient) error {
	for _, id := range r.Contact.Identities {
		if id.Kind != crm.IdentityWeChat {
			continue
		}
		var gone bool
		err := q.QueryRowContext(ctx, `SELECT unsubscribed FROM wechat_users WHERE app_id = $1 AND open_id = $2`,
			id.Key, id.Value).Scan(&gone)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		r.Unsubscribed[id.Key] = gone
	}
	return nil
}

// SetCareOptOut records (or lifts) a contact's opt-out of care messages.
// ENOTFOUND for an unknown contact.
func (db *DB) SetCareOptOut(ctx context.Context, contactID int64, optedOut bool, reason string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var at any
		if optedOut {
			at = db.now()
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO care_contacts (contact_id, opted_out, opt_out_reason, opted_out_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (contact_id) DO UPDATE SET opted_out = $2, opt_out_reason = $3,
			opted_out_at = $4`, contactID, optedOut, reason, at)
		if db.dialect.IsForeignKeyViolation(err) {
			return crm.Errorf(crm.ENOTFOUND, "Contact not found.")
		}
		return db.wrap(err, "set care opt-out")
	})
}

// SetCareTimeZone sets the zone a contact's care is timed in. ENOTFOUND.
func (db *DB) SetCareTimeZone(ctx context.Context, contactID int64, zone string) error {
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO care_contacts (contact_id, time_zone) VALUES ($1, $2)
			ON CONFLICT (contact_id) DO UPDATE SET time_zone = $2`, contactID, zone)
		if db.dialect.IsForeignKeyViolation(err) {
			return crm.Errorf(crm.ENOTFOUND, "Contact not found.")
		}
		return db.wrap(err, "set care time zone")
	})
}

// CareUnsubscribeToken returns the token of the contact's unsubscribe link,
// made on first use: random, so that it names no one and cannot be guessed.
func (db *DB) CareUnsubscribeToken(ctx context.Context, contactID int64) (string, error) {
	var tok string
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO care_contacts (contact_id, unsubscribe_token) VALUES ($1, $2)
			ON CONFLICT (contact_id) DO UPDATE SET unsubscribe_token = COALESCE(care_contacts.unsubscribe_token, $2)`,
			contactID, rand.Text())
		if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT unsubscribe_token FROM care_contacts WHERE contact_id = $1`,
			contactID).Scan(&tok)
	})
	return tok, db.wrap(err, "care unsubscribe token")
}

// OptOutByToken opts out the contact whose unsubscribe link holds token and
// returns its id. ENOTFOUND for an unknown token.
func (db *DB) OptOutByToken(ctx context.Context, token, reason string) (int64, error) {
	var id int64
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `UPDATE care_contacts SET opted_out = $1, opt_out_reason = $2,
			opted_out_at = $3 WHERE unsubscribe_token = $4 RETURNING contact_id`,
			true, reason, db.now(), token).Scan(&id)
		return db.notFound(err, "Unsubscribe link", "opt out by token")
	})
	return id, err
}
