package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const planCols = `pl.id, pl.order_id, pl.instalment, pl.due_date, pl.amount, pl.paid, pl.status, pl.notes, pl.created_at`

func scanPlan(r scanner) (*crm.PaymentPlan, error) {
	pl := &crm.PaymentPlan{}
	return pl, r.Scan(&pl.ID, &pl.OrderID, &pl.Instalment, dtv{&pl.DueDate}, &pl.Amount, &pl.Paid, &pl.Status,
		&pl.Notes, tm{&pl.CreatedAt})
}

// orderVisible returns ENOTFOUND unless order id exists and v may see it:
// payments, plans and deliveries are seen through their order.
func (db *DB) orderVisible(ctx context.Context, q querier, v crm.Viewer, id int64) error {
	w := &where{}
	w.and("o.id = " + w.arg(id))
	w.visibleOrder(v)
	var one int64
	err := q.QueryRowContext(ctx, `SELECT o.id FROM orders o`+w.String(), w.args...).Scan(&one)
	return db.notFound(err, "Order", "check order")
}

// CreatePaymentPlan stores a plan for an order v may see; it starts unpaid.
func (db *DB) CreatePaymentPlan(ctx context.Context, v crm.Viewer, pl *crm.PaymentPlan) error {
	if err := pl.Validate(); err != nil {
		return err
	}
	pl.Paid, pl.Status = 0, crm.PlanPending
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.orderVisible(ctx, tx, v, pl.OrderID); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO payment_plans (order_id, instalment, due_date, amount, paid,
			status, notes, created_at) VALUES ($1, $2, $3, $4, 0, $5, $6, $7) RETURNING id`,
			pl.OrderID, pl.Instalment, pl.DueDate.String(), pl.Amount, pl.Status, pl.Notes, now).Scan(&pl.ID)
		if err != nil {
			return db.conflict(err, "create payment plan", "This order has that instalment already.")
		}
		pl.CreatedAt = now
		return nil
	})
}

// PaymentPlans returns an order's plans by instalment, with Paid summed.
func (db *DB) PaymentPlans(ctx context.Context, v crm.Viewer, orderID int64) (pls []*crm.PaymentPlan, err error) {
	err = db.view(ctx, func(q querier) error {
		if err := db.orderVisible(ctx, q, v, orderID); err != nil {
			return err
		}
		pls, err = queryAll(ctx, q, scanPlan, `SELECT `+planCols+` FROM payment_plans pl
			WHERE pl.order_id = $1 ORDER BY pl.instalment`, orderID)
		return db.wrap(err, "list payment plans")
	})
	return pls, err
}

// settlePlan sets a plan's paid sum and status from its payments, in the
// transaction that changed them.
func (db *DB) settlePlan(ctx context.Context, tx *sql.Tx, planID *int64) error {
	if planID == nil {
		return nil
	}
	var paid, amount int64
	err := tx.QueryRowContext(ctx, `SELECT (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE plan_id = $1),
		amount FROM payment_plans WHERE id = $1`, *planID).Scan(&paid, &amount)
	if err != nil {
		return db.wrap(err, "sum plan")
	}
	status := crm.PlanPending
	switch {
	case paid >= amount:
		status = crm.PlanPaid
	case paid > 0:
		status = crm.PlanPartial
	}
	_, err = tx.ExecContext(ctx, `UPDATE payment_plans SET paid = $1, status = $2 WHERE id = $3`, paid, status, *planID)
	return db.wrap(err, "settle plan")
}
