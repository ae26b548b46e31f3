package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

const orderCols = `o.id, o.kind, o.number, o.customer_id, o.title, o.items, o.amount, o.currency, o.terms,
	o.start_date, o.end_date, o.customer_signer_id, o.our_signer_id, o.signed_date, o.status, o.owner_id,
	o.created_at, o.updated_at, o.order_date, o.contract_id, o.dealer_id`

func scanOrder(r scanner) (*crm.Order, error) {
	o := &crm.Order{}
	err := r.Scan(&o.ID, &o.Kind, &o.Number, &o.CustomerID, &o.Title, jsonCol{&o.Items}, &o.Amount, &o.Currency,
		&o.Terms, dt{&o.StartDate}, dt{&o.EndDate}, nid{&o.CustomerSignerID}, nid{&o.OurSignerID},
		dt{&o.SignedDate}, &o.Status, nid{&o.OwnerID}, tm{&o.CreatedAt}, tm{&o.UpdatedAt},
		dt{&o.OrderDate}, nid{&o.ContractID}, nid{&o.DealerID})
	return o, err
}

const numberTaken = "An order or contract with this number exists already."

// CreateOrder stores o. EINVALID; ECONFLICT when the number is taken.
// Attachments are tied with AttachTo, not here.
func (db *DB) CreateOrder(ctx context.Context, o *crm.Order) error {
	if err := o.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.checkOrderRefs(ctx, tx, o); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO orders (kind, number, customer_id, title, items, amount,
			currency, terms, start_date, end_date, customer_signer_id, our_signer_id, signed_date, status,
			owner_id, created_at, updated_at, order_date, contract_id, dealer_id, sales_date)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19, $20) RETURNING id`,
			o.Kind, o.Number, o.CustomerID, o.Title, jsonArg(o.Items), o.Amount, o.Currency, o.Terms,
			dateArg(o.StartDate), dateArg(o.EndDate), idArg(o.CustomerSignerID), idArg(o.OurSignerID),
			dateArg(o.SignedDate), o.Status, idArg(o.OwnerID), now, dateArg(o.OrderDate), idArg(o.ContractID),
			idArg(o.DealerID), salesDate(o, now)).Scan(&o.ID)
		if err != nil {
			return db.conflict(err, "create order", numberTaken)
		}
		o.CreatedAt, o.UpdatedAt = now, now
		if err := db.writeOrderLines(ctx, tx, o); err != nil {
			return err
		}
		return db.refreshPool(ctx, tx, crm.Ref{Kind: crm.RefCustomer, ID: o.CustomerID})
	})
}

// UpdateOrder saves an order v may see. ENOTFOUND, EINVALID, ECONFLICT.
func (db *DB) UpdateOrder(ctx context.Context, v crm.Viewer, o *crm.Order) error {
	if err := o.Normalize(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		old, err := db.order(ctx, tx, v, "o.id", o.ID)
		if err != nil {
			return err
		}
		if err := db.checkOrderRefs(ctx, tx, o); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE orders SET kind = $1, number = $2, customer_id = $3, title = $4,
			items = $5, amount = $6, currency = $7, terms = $8, start_date = $9, end_date = $10,
			customer_signer_id = $11, our_signer_id = $12, signed_date = $13, status = $14, owner_id = $15,
			updated_at = $16, order_date = $18, contract_id = $19, dealer_id = $20, sales_date = $21 WHERE id = $17`,
			o.Kind, o.Number, o.CustomerID, o.Title, jsonArg(o.Items), o.Amount, o.Currency, o.Terms,
			dateArg(o.StartDate), dateArg(o.EndDate), idArg(o.CustomerSignerID), idArg(o.OurSignerID),
			dateArg(o.SignedDate), o.Status, idArg(o.OwnerID), now, o.ID, dateArg(o.OrderDate), idArg(o.ContractID),
			idArg(o.DealerID), salesDate(o, old.CreatedAt))
		if err != nil {
			return db.conflict(err, "update order", numberTaken)
		}
		o.CreatedAt, o.UpdatedAt, o.Attachments = old.CreatedAt, now, old.Attachments
		if err := db.writeOrderLines(ctx, tx, o); err != nil {
			return err
		}
		if old.CustomerID != o.CustomerID {
			if err := db.refreshPool(ctx, tx, crm.Ref{Kind: crm.RefCustomer, ID: old.CustomerID}); err != nil {
				return err
			}
		}
		return db.refreshPool(ctx, tx, crm.Ref{Kind: crm.RefCustomer, ID: o.CustomerID})
	})
}

func (db *DB) checkOrderRefs(ctx context.Context, tx *sql.Tx, o *crm.Order) error {
	err := db.checkExist(ctx, tx, exists{"customer_id", "customers", &o.CustomerID},
		exists{"customer_signer_id", "contacts", o.CustomerSignerID},
		exists{"our_signer_id", "users", o.OurSignerID}, exists{"owner_id", "users", o.OwnerID})
	if err == nil {
		err = db.checkDealer(ctx, tx, o)
	}
	if err == nil {
		err = db.fillLines(ctx, tx, o)
	}
	if err != nil || o.ContractID == nil {
		return err
	}
	return db.checkContract(ctx, tx, o)
}

// checkContract refuses a contract_id that is not a contract of the order's
// own customer: an order placed under another company's contract is a typo.
func (db *DB) checkContract(ctx context.Context, tx *sql.Tx, o *crm.Order) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM orders WHERE id = $1 AND kind = 'contract'
		AND customer_id = $2`, *o.ContractID, o.CustomerID).Scan(&n)
	if err != nil {
		return db.wrap(err, "check contract")
	}
	if n == 0 {
		return &crm.Error{Code: crm.EINVALID, Message: "The contract is not one of this customer's.",
			Fields: map[string]string{"contract_id": "is not a contract of this customer"}}
	}
	return nil
}

// Order returns one order v may see, with its attachments. ENOTFOUND.
func (db *DB) Order(ctx context.Context, v crm.Viewer, id int64) (*crm.Order, error) {
	return db.orderView(ctx, v, "o.id", id)
}

// OrderByNumber returns the order with this number. ENOTFOUND.
func (db *DB) OrderByNumber(ctx context.Context, v crm.Viewer, number string) (*crm.Order, error) {
	return db.orderView(ctx, v, "o.number", number)
}

func (db *DB) orderView(ctx context.Context, v crm.Viewer, col string, key any) (o *crm.Order, err error) {
	err = db.view(ctx, func(q querier) error {
		o, err = db.order(ctx, q, v, col, key)
		return err
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// order reads one order by a unique column, with its attachments.
func (db *DB) order(ctx context.Context, q querier, v crm.Viewer, col string, key any) (*crm.Order, error) {
	w := &where{}
	w.and(col + " = " + w.arg(key))
	w.visibleOrder(v)
	o, err := scanOrder(q.QueryRowContext(ctx, `SELECT `+orderCols+` FROM orders o`+w.String(), w.args...))
	if err != nil {
		return nil, db.notFound(err, "Order", "get order")
	}
	atts, err := db.attachmentsOf(ctx, q, crm.Ref{Kind: crm.RefOrder, ID: o.ID})
	if err != nil {
		return nil, err
	}
	o.Attachments = make([]crm.Attachment, len(atts))
	for i, a := range atts {
		o.Attachments[i] = *a
	}
	return o, nil
}

// ListOrders returns a page of orders, newest first. Listed orders carry no
// attachments (Order has them), to keep a page one query.
func (db *DB) ListOrders(ctx context.Context, f crm.OrderFilter) (l crm.List[*crm.Order], err error) {
	pg := f.Page.Clamp()
	w := orderWhere(db, f)
	tail, err := w.sorted("orders", "o", "orders", pg)
	if err != nil {
		return l, err
	}
	err = db.query(ctx, func(q querier) error {
		items, err := queryAll(ctx, q, scanOrder, `SELECT `+orderCols+` FROM orders o`+w.String()+tail, w.args...)
		l = crm.NewList(items, pg.Limit, func(o *crm.Order) int64 { return o.ID })
		return db.wrap(err, "list orders")
	})
	return l, err
}

// CountOrders counts what f selects, ignoring its page.
func (db *DB) CountOrders(ctx context.Context, f crm.OrderFilter) (int64, error) {
	return db.count(ctx, "orders", "orders o", orderWhere(db, f))
}

func orderWhere(db *DB, f crm.OrderFilter) *where {
	w := &where{}
	w.visibleOrder(f.Viewer)
	w.search(db.dialect.ILike(), f.Query, "o.number", "o.title")
	w.equal("o.kind", f.Kind)
	w.equal("o.status", f.Status)
	w.equalID("o.customer_id", f.CustomerID)
	w.equalID("o.dealer_id", f.DealerID)
	w.equalID("o.owner_id", f.OwnerID)
	w.inTeam("o.owner_id", f.TeamID)
	if f.Sold {
		w.and("o.status IN ('active', 'completed')")
	}
	if f.From != nil {
		w.and("o.sales_date >= " + w.arg(f.From.String()))
	}
	if f.To != nil {
		w.and("o.sales_date <= " + w.arg(f.To.String()))
	}
	w.orderDims(f)
	if f.FirstOf != nil {
		db.firstSales(w, f.Viewer, f.FirstOf)
	}
	return w
}
