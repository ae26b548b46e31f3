package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

const careOccurrenceCols = `o.id, o.plan_id, p.name, o.contact_id, o.occurs_on, o.customer_id, o.order_id, o.owner_id,
	o.state, o.channel, o.reason, o.message_id, o.task_id, o.followup_id, o.at,
	COALESCE(m.delivery, ''), COALESCE(m.delivery_error, '')`

const careOccurrenceFrom = ` FROM care_occurrences o JOIN care_plans p ON p.id = o.plan_id
	LEFT JOIN messages m ON m.id = o.message_id`

func scanCareOccurrence(r scanner) (*crm.CareOccurrence, error) {
	o := &crm.CareOccurrence{}
	return o, r.Scan(&o.ID, &o.PlanID, &o.PlanName, &o.ContactID, dtv{&o.OccursOn}, nid{&o.CustomerID},
		nid{&o.OrderID}, nid{&o.OwnerID}, &o.State, &o.Channel, &o.Reason, nid{&o.MessageID}, nid{&o.TaskID},
		nid{&o.FollowUpID}, tm{&o.At}, &o.Delivery, &o.DeliveryError)
}

// RecordCareOccurrence stores o unless (plan, contact, date) is taken, and
// returns false then: the unique key decides which instance acts.
func (db *DB) RecordCareOccurrence(ctx context.Context, o *crm.CareOccurrence) (bool, error) {
	inserted := false
	err := db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		o.At = utc(o.At)
		err := tx.QueryRowContext(ctx, `INSERT INTO care_occurrences (plan_id, contact_id, occurs_on, customer_id,
			order_id, owner_id, state, channel, reason, message_id, task_id, followup_id, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
			ON CONFLICT (plan_id, contact_id, occurs_on) DO NOTHING RETURNING id`,
			o.PlanID, o.ContactID, o.OccursOn.String(), idArg(o.CustomerID), idArg(o.OrderID), idArg(o.OwnerID),
			o.State, o.Channel, o.Reason, idArg(o.MessageID), idArg(o.TaskID), idArg(o.FollowUpID), o.At).Scan(&o.ID)
		if err == sql.ErrNoRows {
			return nil
		}
		inserted = err == nil
		return db.wrap(err, "record care occurrence")
	})
	return inserted, err
}

// CareOccurrenceExists reports whether (plan, contact, date) is taken.
func (db *DB) CareOccurrenceExists(ctx context.Context, planID, contactID int64, on crm.Date) (bool, error) {
	var n int
	err := db.view(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, `SELECT COUNT(*) FROM care_occurrences WHERE plan_id = $1 AND contact_id = $2
			AND occurs_on = $3`, planID, contactID, on.String()).Scan(&n)
	})
	return n > 0, db.wrap(err, "care occurrence exists")
}

// CountCareSends counts the care messages queued to a contact since a time,
// across plans: the frequency cap's measure.
func (db *DB) CountCareSends(ctx context.Context, contactID int64, since time.Time) (int, error) {
	var n int
	err := db.view(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, `SELECT COUNT(*) FROM care_occurrences WHERE contact_id = $1 AND at >= $2
			AND state = 'queued'`, contactID, utc(since)).Scan(&n)
	})
	return n, db.wrap(err, "count care sends")
}

// ListCareOccurrences returns occurrences, newest first, with the delivery
// state of the message each queued.
func (db *DB) ListCareOccurrences(ctx context.Context, f crm.CareOccurrenceFilter) ([]*crm.CareOccurrence, error) {
	w := &where{}
	w.equalID("o.plan_id", f.PlanID)
	w.equalID("o.contact_id", f.ContactID)
	w.equalID("o.customer_id", f.CustomerID)
	w.equalID("o.owner_id", f.OwnerID)
	if f.Viewer != nil {
		w.visible(*f.Viewer, "o.owner_id")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []*crm.CareOccurrence
	err := db.view(ctx, func(q querier) (err error) {
		out, err = queryAll(ctx, q, scanCareOccurrence, `SELECT `+careOccurrenceCols+careOccurrenceFrom+w.String()+
			` ORDER BY o.at DESC, o.id DESC LIMIT `+strconv.Itoa(limit), w.args...)
		return err
	})
	return out, db.wrap(err, "list care occurrences")
}
