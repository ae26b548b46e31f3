package sqlstore

import (
	"context"
	"database/sql"

	"github.com/rapport-crm/rapport/crm"
)

// CreateDelivery stores a delivery on an order v may see. EINVALID, ENOTFOUND.
func (db *DB) CreateDelivery(ctx context.Context, v crm.Viewer, d *crm.Delivery) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.withTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := db.orderVisible(ctx, tx, v, d.OrderID); err != nil {
			return err
		}
		now := db.now()
		err := tx.QueryRowContext(ctx, `INSERT INTO deliveries (order_id, date, description, carrier, tracking_no,
			created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			d.OrderID, d.Date.String(), d.Description, d.Carrier, d.TrackingNo, now).Scan(&d.ID)
		d.CreatedAt = now
		return db.wrap(err, "create delivery")
	})
}

// Deliveries returns the deliveries of an order v may see, by date.
func (db *DB) Deliveries(ctx context.Context, v crm.Viewer, orderID int64) (ds []*crm.Delivery, err error) {
	err = db.view(ctx, func(q querier) error {
		if err := db.orderVisible(ctx, q, v, orderID); err != nil {
			return err
		}
		ds, err = queryAll(ctx, q, func(r scanner) (*crm.Delivery, error) {
			d := &crm.Delivery{}
			return d, r.Scan(&d.ID, &d.OrderID, dtv{&d.Date}, &d.Description, &d.Carrier, &d.TrackingNo, tm{&d.CreatedAt})
		}, `SELECT id, order_id, date, description, carrier, tracking_no, created_at FROM deliveries
			WHERE order_id = $1 ORDER BY date, id`, orderID)
		return db.wrap(err, "list deliveries")
	})
	return ds, err
}
