package sqlstore

import (
	"context"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// The contact an order-based care occurrence reaches: the customer's signer
// of the order, else the customer's first contact.
const orderContact = `k.id = COALESCE(o.customer_signer_id,
	(SELECT MIN(k2.id) FROM contacts k2 WHERE k2.customer_id = o.customer_id))`

// careSource is, for a trigger, the FROM and the WHERE that find its
// event on one date ($1; payments also $2). Each is an indexed lookup on
// that date (migration 0016).
type careSource struct{ from, where string }

var orderFrom = ` JOIN contacts k ON ` + orderContact + ` LEFT JOIN customers c ON c.id = o.customer_id`

var careSources = map[string]careSource{
	crm.CareAfterDelivery: {`FROM deliveries d JOIN orders o ON o.id = d.order_id` + orderFrom,
		`d.date = $1 AND o.status <> 'cancelled'`},
	crm.CareAfterSigned: {`FROM orders o` + orderFrom, `o.signed_date = $1 AND o.status <> 'cancelled'`},
	crm.CareAfterPayment: {`FROM payments p JOIN orders o ON o.id = p.order_id` + orderFrom,
		`p.paid_at >= $1 AND p.paid_at < $2`},
	crm.CareBeforeEnd: {`FROM orders o` + orderFrom,
		`o.end_date = $1 AND o.kind = 'contract' AND o.status IN ('active', 'completed')`},
	crm.CareBeforeDue: {`FROM payment_plans pp JOIN orders o ON o.id = pp.order_id` + orderFrom,
		`pp.due_date = $1 AND pp.paid < pp.amount AND o.status <> 'cancelled'`},
	// The last order of a customer who used to buy: nothing signed after it.
	crm.CareNoOrder: {`FROM orders o` + orderFrom, `o.signed_date = $1 AND o.status <> 'cancelled'
		AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.customer_id = o.customer_id
			AND o2.signed_date > o.signed_date AND o2.status <> 'cancelled')`},
}

// CareCandidates returns the contacts q reaches, one row per contact.
func (db *DB) CareCandidates(ctx context.Context, q crm.CareQuery) ([]crm.CareCandidate, error) {
	w, cols, from := &where{}, `k.id, k.name, k.customer_id, NULL, COALESCE(k.owner_id, c.owner_id)`, ""
	switch q.Trigger {
	case crm.CareBirthday:
		from = `FROM contacts k LEFT JOIN customers c ON c.id = k.customer_id`
		w.and(db.monthDay("k.birthday") + ` = ` + w.arg(q.Date.Month*100+q.Date.Day) + ` AND k.birthday IS NOT NULL`)
	case crm.CareYearlyDate, crm.CareSpringFestival, crm.CareMidAutumn:
		from = `FROM contacts k LEFT JOIN customers c ON c.id = k.customer_id`
	case crm.CareFirstOrderDay:
		cols = `k.id, k.name, k.customer_id, o.id, COALESCE(o.owner_id, k.owner_id, c.owner_id)`
		from = `FROM orders o JOIN contacts k ON ` + orderContact + ` LEFT JOIN customers c ON c.id = o.customer_id`
		w.and(db.monthDay("o.signed_date") + ` = ` + w.arg(q.Date.Month*100+q.Date.Day))
		w.and(`o.signed_date < ` + w.arg(q.Date.String()) + ` AND o.status <> 'cancelled'`)
		w.and(`NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.customer_id = o.customer_id
			AND o2.signed_date < o.signed_date AND o2.status <> 'cancelled')`)
	default:
		src, ok := careSources[q.Trigger]
		if !ok {
			return nil, crm.Errorf(crm.EINVALID, "%q is not a care trigger", q.Trigger)
		}
		cols = `k.id, k.name, k.customer_id, o.id, COALESCE(o.owner_id, k.owner_id, c.owner_id)`
		from = src.from
		bindSource(src, q, w)
	}
	audienceWhere(w, q.Audience)
	w.equalID("c.id", q.CustomerID)
	if q.PlanID != 0 && q.OccursOn != nil {
		w.and(`NOT EXISTS (SELECT 1 FROM care_occurrences co WHERE co.plan_id = ` + w.arg(q.PlanID) +
			` AND co.contact_id = k.id AND co.occurs_on = ` + w.arg(q.OccursOn.String()) + `)`)
	}
	var out []crm.CareCandidate
	err := db.view(ctx, func(qr querier) (err error) {
		// The contact's own time zone comes along: the sweep decides whether an
		// occurrence is due before it reads anything else of the contact.
		out, err = queryAll(ctx, qr, scanCandidate, `SELECT `+cols+`, COALESCE(cz.time_zone, '') `+from+
			` LEFT JOIN care_contacts cz ON cz.contact_id = k.id`+w.String()+` ORDER BY k.id`, w.args...)
		return err
	})
	return dedupeCandidates(out), db.wrap(err, "care candidates")
}

// bindSource binds a source's date arguments ($1, and $2 for payments,
// whose time is read as a date in the zone) and adds its WHERE to w.
func bindSource(src careSource, q crm.CareQuery, w *where) {
	if q.Trigger == crm.CareAfterPayment {
		tz := q.TimeZone
		if tz == nil {
			tz = time.UTC
		}
		start := time.Date(q.Date.Year, time.Month(q.Date.Month), q.Date.Day, 0, 0, 0, 0, tz)
		w.arg(utc(start))
		w.arg(utc(start.AddDate(0, 0, 1)))
	} else {
		w.arg(q.Date.String())
	}
	w.and(src.where)
}

// monthDay is month*100+day of a date column, written exactly as the
// expression index of migration 0016 is, so that the index serves it.
func (db *DB) monthDay(col string) string {
	if db.dialect.Name() == "postgres" {
		return "((EXTRACT(MONTH FROM " + col + ") * 100 + EXTRACT(DAY FROM " + col + "))::int)"
	}
	return "(CAST(substr(" + col + ", 6, 2) AS INTEGER) * 100 + CAST(substr(" + col + ", 9, 2) AS INTEGER))"
}
