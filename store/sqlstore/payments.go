package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const paymentCols = `p.id, p.order_id, p.plan_id, p.amount, p.method, p.paid_at, p.handler_id, p.account, p.notes, p.created_at`

func scanPayment(r scanner) (*crm.Payment, error) {
	pm := &crm.Payment{}
	return pm, r.Scan(&pm.ID, &pm.OrderID, nid{&pm.PlanID}, &pm.Amount, &pm.Method, tm{&pm.PaidAt},
		nid{&pm.HandlerID}, &pm.Account, &pm.Notes, tm{&pm.CreatedAt})
}

// RecordPayment stores a payment and settles its plan in one transaction.
func (db *DB) RecordPayment(ctx context.Context, v crm.Viewer, pm *crm.Payment) error {
	if err := pm.Validate(); err != nil {
		return err
	}
	pm.PaidAt = utc(pm.PaidAt)
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkPayment(ctx, tx, v, pm); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO payments (order_id, plan_id, amount, method, paid_at, handler_id,
			account, notes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			pm.OrderID, idArg(pm.PlanID), pm.Amount, pm.Method, pm.PaidAt, idArg(pm.HandlerID), pm.Account,
			pm.Notes, now).Scan(&pm.ID)
		if err != nil {
			return db.wrap(err, "record payment")
		}
		pm.CreatedAt = now
		return db.settlePlan(ctx, tx, pm.PlanID)
	})
}

// UpdatePayment saves a payment and settles the plans it left and joined.
func (db *DB) UpdatePayment(ctx context.Context, v crm.Viewer, pm *crm.Payment) error {
	if err := pm.Validate(); err != nil {
		return err
	}
	pm.PaidAt = utc(pm.PaidAt)
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.payment(ctx, tx, v, pm.ID)
		if err != nil {
			return err
		}
		if err := db.checkPayment(ctx, tx, v, pm); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE payments SET order_id = $1, plan_id = $2, amount = $3, method = $4,
			paid_at = $5, handler_id = $6, account = $7, notes = $8 WHERE id = $9`,
			pm.OrderID, idArg(pm.PlanID), pm.Amount, pm.Method, pm.PaidAt, idArg(pm.HandlerID), pm.Account,
			pm.Notes, pm.ID)
		if err != nil {
			return db.wrap(err, "update payment")
		}
		pm.CreatedAt = old.CreatedAt
		if err := db.settlePlan(ctx, tx, old.PlanID); err != nil {
			return err
		}
		return db.settlePlan(ctx, tx, pm.PlanID)
	})
}

// checkPayment checks that v sees the order, that the plan is the order's,
// and that the handler exists.
func (db *DB) checkPayment(ctx context.Context, tx *sql.Tx, v crm.Viewer, pm *crm.Payment) error {
	if err := db.orderVisible(ctx, tx, v, pm.OrderID); err != nil {
		return err
	}
	if pm.PlanID != nil {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payment_plans WHERE id = $1 AND order_id = $2`,
			*pm.PlanID, pm.OrderID).Scan(&n)
		if err != nil {
			return db.wrap(err, "check plan")
		}
		if n == 0 {
			return crm.Errorf(crm.ENOTFOUND, "This order has no such payment plan.")
		}
	}
	return db.checkExist(ctx, tx, exists{"handler_id", "users", pm.HandlerID})
}

// Payment returns one payment of an order v may see. ENOTFOUND.
func (db *DB) Payment(ctx context.Context, v crm.Viewer, id int64) (pm *crm.Payment, err error) {
	err = db.query(ctx, func(q querier) error {
		pm, err = db.payment(ctx, q, v, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return pm, nil
}

func (db *DB) payment(ctx context.Context, q querier, v crm.Viewer, id int64) (*crm.Payment, error) {
	w := &where{}
	w.and("p.id = " + w.arg(id))
	w.visibleOrder(v)
	pm, err := scanPayment(q.QueryRowContext(ctx, `SELECT `+paymentCols+` FROM payments p
		JOIN orders o ON o.id = p.order_id`+w.String(), w.args...))
	if err != nil {
		return nil, db.notFound(err, "Payment", "get payment")
	}
	return pm, nil
}

// ListPayments returns a page of payments, newest first.
func (db *DB) ListPayments(ctx context.Context, f crm.PaymentFilter) (l crm.List[*crm.Payment], err error) {
	pg := f.Page.Clamp()
	w := paymentWhere(f)
	tail, err := w.sorted("payments", "p", "payments", pg)
	if err != nil {
		return l, err
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanPayment, `SELECT `+paymentCols+` FROM payments p
			JOIN orders o ON o.id = p.order_id`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(p *crm.Payment) int64 { return p.ID })
		return db.wrap(err, "list payments")
	})
	return l, err
}

// CountPayments counts what f selects, ignoring its page.
func (db *DB) CountPayments(ctx context.Context, f crm.PaymentFilter) (int64, error) {
	return db.count(ctx, "payments", "payments p JOIN orders o ON o.id = p.order_id", paymentWhere(f))
}

func paymentWhere(f crm.PaymentFilter) *where {
	w := &where{}
	w.visibleOrder(f.Viewer)
	w.equalID("p.order_id", f.OrderID)
	w.equalID("o.owner_id", f.OwnerID)
	w.inTeam("o.owner_id", f.TeamID)
	w.equalID("o.customer_id", f.CustomerID)
	w.within("p.paid_at", f.PaidFrom, f.PaidTo)
	return w
}
