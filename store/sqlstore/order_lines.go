package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"time"

	"github.com/rapport-crm/rapport/crm"
)

// fillLines completes the lines that pick a catalogue product: the
// product's name when the line has none, and its cost (as it is today)
// when the line gives none, so that margins stay those of the sale after
// the catalogue changes. A line whose free text is a SKU picks that product
// (so imported past sales map to the catalogue). A product that does not
// exist is EINVALID.
func (db *DB) fillLines(ctx context.Context, tx *sql.Tx, o *crm.Order) error {
	for i := range o.Items {
		it := &o.Items[i]
		if it.ProductID == nil {
			if err := db.lineBySKU(ctx, tx, it); err != nil {
				return err
			}
			if it.ProductID == nil {
				continue // free text: a one-off
			}
		}
		var name string
		var cost *crm.Money
		err := tx.QueryRowContext(ctx, `SELECT name, cost FROM products WHERE id = $1`, *it.ProductID).
			Scan(&name, nmoney{&cost})
		if errors.Is(err, sql.ErrNoRows) {
			return &crm.Error{Code: crm.EINVALID, Message: "An order line names a product that does not exist.",
				Fields: map[string]string{"items": "product_id is not a product"}}
		}
		if err != nil {
			return db.wrap(err, "read product")
		}
		if it.Product == "" {
			it.Product = name
		}
		if it.UnitCost == nil {
			it.UnitCost = cost
		}
	}
	return nil
}

// lineBySKU picks the product whose SKU is the line's text, if any.
func (db *DB) lineBySKU(ctx context.Context, tx *sql.Tx, it *crm.LineItem) error {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM products WHERE sku = $1`, it.Product).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return db.wrap(err, "find product by SKU")
	}
	it.ProductID, it.Product = &id, ""
	return nil
}

// writeOrderLines replaces the order's indexed lines with its items.
func (db *DB) writeOrderLines(ctx context.Context, tx *sql.Tx, o *crm.Order) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM order_lines WHERE order_id = $1`, o.ID); err != nil {
		return db.wrap(err, "clear order lines")
	}
	var margin, costed *float64
	for i, it := range o.Items {
		if it.UnitCost != nil {
			m := float64(it.Amount) - it.Quantity*float64(*it.UnitCost)
			margin, costed = addTo(margin, m), addTo(costed, float64(it.Amount))
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO order_lines (order_id, line_no, product_id, product, quantity,
			unit_price, amount, unit_cost) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			o.ID, i+1, idArg(it.ProductID), it.Product, it.Quantity, it.UnitPrice, it.Amount, moneyArg(it.UnitCost))
		if err != nil {
			return db.wrap(err, "write order line")
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE orders SET margin = $1, costed = $2 WHERE id = $3`,
		roundArg(margin), roundArg(costed), o.ID)
	return db.wrap(err, "write order margin")
}

func addTo(p *float64, v float64) *float64 {
	if p == nil {
		return &v
	}
	v += *p
	return &v
}

// roundArg binds an optional amount rounded to a minor unit.
func roundArg(p *float64) any {
	if p == nil {
		return nil
	}
	return int64(math.Round(*p))
}

// checkDealer refuses a dealer_id that is not a customer of kind dealer or
// agent: an end customer named as the dealer would count its sales twice.
func (db *DB) checkDealer(ctx context.Context, tx *sql.Tx, o *crm.Order) error {
	if o.DealerID == nil {
		return nil
	}
	var kind string
	err := tx.QueryRowContext(ctx, `SELECT kind FROM customers WHERE id = $1`, *o.DealerID).Scan(&kind)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return db.wrap(err, "check dealer")
	}
	if kind != crm.KindDealer && kind != crm.KindAgent {
		return &crm.Error{Code: crm.EINVALID, Message: "The dealer must be a customer of kind dealer or agent.",
			Fields: map[string]string{"dealer_id": "is not a dealer or agent"}}
	}
	return nil
}

// salesDate is the day an order counts on in reports: its own date, else
// the UTC day it was entered.
func salesDate(o *crm.Order, created time.Time) string {
	if o.OrderDate != nil {
		return o.OrderDate.String()
	}
	return created.UTC().Format(time.DateOnly)
}
